import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { conversationIdOf } from '../../src/channels/core/conversation-directory.js';
import type { Message } from '../../src/domain/message.js';
import { redisAvailable, TEST_REDIS_URL } from '../support/redis.js';
import { redisScope } from '../support/redis-scope.js';
import { eventually, startChannelApp } from './support/channel-app.js';
import { toXml } from './support/wechat-fake.js';
import { FakeWecomApi, WECOM_SAMPLE, WecomClient } from './support/wecom-fake.js';

const ENV = {
  WECOM_CORP_ID: WECOM_SAMPLE.corpId,
  WECOM_SECRET: WECOM_SAMPLE.secret,
  WECOM_TOKEN: WECOM_SAMPLE.token,
  WECOM_ENCODING_AES_KEY: WECOM_SAMPLE.aesKey,
  WECOM_API_BASE: WECOM_SAMPLE.base,
};

let users = 0;
const newUser = (): string => `wmExternal_${process.pid}_${++users}`;
const conversationOf = (user: string): string =>
  conversationIdOf({ channel: 'wecom', user: `${WECOM_SAMPLE.openKfId}:${user}` });

function transcriptOf(app: App, user: string): Promise<Message[]> {
  return app.context.transcript.list(conversationOf(user));
}

describe('WeCom customer service (微信客服)', { timeout: 60_000 }, () => {
  let app: App;
  let url: string;
  let platform: FakeWecomApi;
  let wecom: WecomClient;

  beforeAll(async () => {
    nock.enableNetConnect('127.0.0.1');
    ({ app, url } = await startChannelApp(ENV));
    wecom = new WecomClient(url);
    nock.cleanAll();
    // One platform for the block: its message log and the app's stored cursor advance together.
    platform = new FakeWecomApi();
  });
  afterAll(async () => {
    await app.close();
    nock.cleanAll();
  });

  /** Waits until every non-customer transcript line has been sent through the API. */
  async function delivered(user: string) {
    return eventually(async () => {
      const shown = (await transcriptOf(app, user)).filter((m) => m.from !== 'customer');
      const sent = platform.to(user);
      return shown.length > 0 && sent.length === shown.length ? sent : undefined;
    }, `every reply to ${user}`);
  }

  it('answers the URL check with the decrypted echostr', async () => {
    const response = await wecom.verifyUrl('1616140317555161061');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('1616140317555161061');
  });

  it('syncs on callback, answers through kf/send_msg and takes the new session for the API', async () => {
    const user = newUser();
    platform.customerSays(user, '你们的热水器漏水了,上周三买的,要求退货');
    const response = await wecom.notify();
    expect(await response.text()).toBe('success');
    const sent = await delivered(user);
    expect(sent.every((m) => m.via === 'send_msg')).toBe(true);
    const lines = await transcriptOf(app, user);
    expect(lines[0]).toMatchObject({
      from: 'customer',
      text: '你们的热水器漏水了,上周三买的,要求退货',
    });
    expect(platform.transitions.filter((t) => t.user === user)).toEqual([{ user, state: 1 }]);
  });

  it('greets a customer entering the session with the welcome code', async () => {
    const user = newUser();
    platform.entersSession(user, 'WELCOME-CODE-1');
    await wecom.notify();
    const welcome = await eventually(
      () => platform.sent.find((m) => m.to === 'code:WELCOME-CODE-1'),
      'the welcome message',
    );
    expect(welcome.via).toBe('send_msg_on_event');
    const lines = await transcriptOf(app, user);
    expect(lines.map((m) => m.from)).toEqual(['bot']);
    expect(welcome.text).toBe(lines[0]?.text);
  });

  it('pages through several messages in order from one callback, each once', async () => {
    const user = newUser();
    const texts = ['你好', '我要投诉', '宽带断网三天了', '账号是13812345678', '希望尽快修好'];
    for (const text of texts) platform.customerSays(user, text);
    const asked = platform.cursorsAsked.length;
    await wecom.notify();
    await wecom.notify();
    await eventually(async () => {
      const customer = (await transcriptOf(app, user)).filter((m) => m.from === 'customer');
      return customer.length === texts.length ? customer : undefined;
    }, 'all five messages');
    await delivered(user);
    const customer = (await transcriptOf(app, user)).filter((m) => m.from === 'customer');
    expect(customer.map((m) => m.text)).toEqual(texts);
    const pages = platform.cursorsAsked.slice(asked);
    expect(pages.length).toBeGreaterThanOrEqual(3);
  });

  it('asks politely for text when the customer sends a voice message', async () => {
    const user = newUser();
    platform.customerSays(user, '', {
      msgtype: 'voice',
      text: undefined,
      voice: { media_id: 'v1' },
    });
    await wecom.notify();
    const [note] = await delivered(user);
    expect(note?.text).toMatch(/语音.*文字/);
  });

  it('refuses a wrong msg_signature (401) and malformed XML (400) without syncing', async () => {
    const asked = platform.cursorsAsked.length;
    const wrong = await wecom.notify(WECOM_SAMPLE.openKfId, { msgSignature: 'b'.repeat(40) });
    expect(wrong.status).toBe(401);
    const broken = await fetch(`${url}/channels/wecom?msg_signature=x&timestamp=1&nonce=2`, {
      method: 'POST',
      body: '<xml><Encrypt>',
    });
    expect(broken.status).toBe(400);
    const otherCorp = await new WecomClient(url, 'wwOtherCorp00001').notify();
    expect(otherCorp.status).toBe(401);
    expect(platform.cursorsAsked.length).toBe(asked);
  });

  it('acknowledges other WeCom events on the same URL without syncing', async () => {
    const asked = platform.cursorsAsked.length;
    const response = await wecom.postEncrypted(
      toXml({ ToUserName: WECOM_SAMPLE.corpId, MsgType: 'event', Event: 'change_contact' }),
    );
    expect(await response.text()).toBe('success');
    expect(platform.cursorsAsked.length).toBe(asked);
  });
});

describe.runIf(await redisAvailable())(
  'WeCom sync cursor across a restart (Redis)',
  { timeout: 90_000 },
  () => {
    const redis = redisScope('wecom-cursor');

    it('resumes from the stored cursor and processes no message twice', async () => {
      redis.client();
      nock.enableNetConnect('127.0.0.1');
      nock.cleanAll();
      const platform = new FakeWecomApi();
      const env = { ...ENV, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: redis.prefix() };
      const user = newUser();

      const first = await startChannelApp(env);
      platform.customerSays(user, '我要投诉');
      platform.customerSays(user, '快递三天没到');
      platform.customerSays(user, '单号是SF1234567890');
      await new WecomClient(first.url).notify();
      await eventually(async () => {
        const lines = await transcriptOf(first.app, user);
        return lines.filter((m) => m.from === 'customer').length === 3 ? lines : undefined;
      }, 'the first three messages');
      await first.app.close();

      platform.customerSays(user, '希望赔偿');
      const second = await startChannelApp(env);
      try {
        const asked = platform.cursorsAsked.length;
        await new WecomClient(second.url).notify();
        const lines = await eventually(async () => {
          const all = await transcriptOf(second.app, user);
          return all.some((m) => m.text === '希望赔偿') ? all : undefined;
        }, 'the message sent while down');
        expect(platform.cursorsAsked[asked]).toBe('c3');
        expect(lines.filter((m) => m.from === 'customer').map((m) => m.text)).toEqual([
          '我要投诉',
          '快递三天没到',
          '单号是SF1234567890',
          '希望赔偿',
        ]);
      } finally {
        await second.app.close();
        nock.cleanAll();
      }
    });
  },
);
