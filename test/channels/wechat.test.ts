import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import {
  ConversationDirectory,
  conversationIdOf,
} from '../../src/channels/core/conversation-directory.js';
import type { Message } from '../../src/domain/message.js';
import { api, login } from '../handoff/harness.js';
import { eventually, startChannelApp } from './support/channel-app.js';
import {
  FakeWechatApi,
  shownText,
  toXml,
  WECHAT_SAMPLE,
  WechatClient,
  type SentMessage,
} from './support/wechat-fake.js';

const ENV = {
  WECHAT_APP_ID: WECHAT_SAMPLE.appId,
  WECHAT_APP_SECRET: WECHAT_SAMPLE.secret,
  WECHAT_TOKEN: WECHAT_SAMPLE.token,
  WECHAT_API_BASE: WECHAT_SAMPLE.base,
};

let openIds = 0;
const newOpenId = (): string => `oUser_${process.pid}_${++openIds}`;
const conversationOf = (openId: string): string =>
  conversationIdOf({ channel: 'wechat', user: openId });

/** Runs the WeChat suite in one mode: plain, or safe mode with callbacks encrypted by wechat-crypto. */
function wechatSuite(mode: 'plain' | 'safe'): void {
  describe(`WeChat Official Account, ${mode} mode`, { timeout: 60_000 }, () => {
    let app: App;
    let url: string;
    let platform: FakeWechatApi;
    let wechat: WechatClient;

    beforeAll(async () => {
      nock.enableNetConnect('127.0.0.1');
      ({ app, url } = await startChannelApp(
        mode === 'safe' ? { ...ENV, WECHAT_ENCODING_AES_KEY: WECHAT_SAMPLE.aesKey } : ENV,
      ));
      wechat = new WechatClient({
        url,
        token: WECHAT_SAMPLE.token,
        appId: WECHAT_SAMPLE.appId,
        ...(mode === 'safe' ? { aesKey: WECHAT_SAMPLE.aesKey } : {}),
      });
    });
    beforeEach(() => {
      nock.cleanAll();
      platform = new FakeWechatApi();
    });
    afterAll(async () => {
      await app.close();
      nock.cleanAll();
    });

    const transcript = (openId: string): Promise<Message[]> =>
      app.context.transcript.list(conversationOf(openId));

    /** Waits until every bot/system/agent line of the transcript has reached the platform. */
    async function delivered(openId: string): Promise<SentMessage[]> {
      return eventually(async () => {
        const shown = (await transcript(openId)).filter((m) => m.from !== 'customer');
        const sent = platform.to(openId);
        return shown.length > 0 && sent.length === shown.length ? sent : undefined;
      }, `every reply to ${openId}`);
    }

    it('answers the console URL check with echostr, and 401 to a wrong signature', async () => {
      const ok = await wechat.verifyUrl('5838479218127813673');
      expect(ok.status).toBe(200);
      expect(await ok.text()).toBe('5838479218127813673');
      expect((await wechat.verifyUrl('5838479218127813673', 'f'.repeat(40))).status).toBe(401);
    });

    it('answers success and replies through the customer-service API, in transcript order', async () => {
      const openId = newOpenId();
      const response = await wechat.text(openId, '你们乱扣我话费,上个月多扣了30块,气死我了');
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('success');
      const sent = await delivered(openId);
      const lines = await transcript(openId);
      expect(lines[0]).toMatchObject({
        from: 'customer',
        text: '你们乱扣我话费,上个月多扣了30块,气死我了',
      });
      expect(sent.map(shownText)).toEqual(
        lines.slice(1).map((m) => [m.text, ...(m.meta?.suggestions ?? [])].join('\n')),
      );
      expect(platform.tokenFetches).toBe(1);
    });

    it('refuses a wrong signature with 401 and processes nothing', async () => {
      const openId = newOpenId();
      const response = await wechat.post(
        openId,
        { MsgType: 'text', Content: '转人工', MsgId: WechatClient.nextMsgId() },
        { signature: '0'.repeat(40) },
      );
      expect(response.status).toBe(401);
      expect(await transcript(openId)).toEqual([]);
      expect(platform.sent).toEqual([]);
    });

    if (mode === 'safe')
      it('refuses a wrong msg_signature or another app id with 401', async () => {
        const openId = newOpenId();
        const fields = { MsgType: 'text', Content: '你好', MsgId: WechatClient.nextMsgId() };
        expect((await wechat.post(openId, fields, { msgSignature: 'a'.repeat(40) })).status).toBe(
          401,
        );
        expect((await wechat.post(openId, fields, { appId: 'wx0000000000000000' })).status).toBe(
          401,
        );
        expect(await transcript(openId)).toEqual([]);
      });

    it('answers malformed XML, a DTD and a non-message with 400 and processes nothing', async () => {
      for (const body of [
        '<xml><ToUserName>broken',
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><xml><Content>&a;</Content></xml>',
        toXml({ Hello: 'world' }),
      ]) {
        const response = await wechat.postRaw(body);
        expect(response.status).toBe(400);
      }
      expect(platform.sent).toEqual([]);
    });

    it('processes a retried MsgId once', async () => {
      const openId = newOpenId();
      const msgId = WechatClient.nextMsgId();
      const first = await wechat.text(openId, '宽带又断了,三天了', msgId);
      const retry = await wechat.text(openId, '宽带又断了,三天了', msgId);
      expect([first.status, retry.status]).toEqual([200, 200]);
      expect(await retry.text()).toBe('success');
      await delivered(openId);
      const customer = (await transcript(openId)).filter((m) => m.from === 'customer');
      expect(customer.map((m) => m.text)).toEqual(['宽带又断了,三天了']);
    });

    it('reads a voice message by its Recognition text and asks for text when there is none', async () => {
      const openId = newOpenId();
      await wechat.post(openId, {
        MsgType: 'voice',
        MediaId: 'media-voice-1',
        Format: 'amr',
        Recognition: '我的快递丢了',
        MsgId: WechatClient.nextMsgId(),
      });
      await wechat.post(openId, {
        MsgType: 'voice',
        MediaId: 'media-voice-2',
        Format: 'amr',
        MsgId: WechatClient.nextMsgId(),
      });
      const sent = await delivered(openId);
      const lines = await transcript(openId);
      expect(lines[0]).toMatchObject({ from: 'customer', text: '我的快递丢了' });
      expect(sent.map(shownText).at(-1)).toContain('文字');
    });

    it('records an image as a link and asks a video sender to type', async () => {
      const openId = newOpenId();
      await wechat.post(openId, {
        MsgType: 'image',
        PicUrl: 'http://mmbiz.qpic.cn/mmbiz_jpg/sample/0',
        MediaId: 'media-image-1',
        MsgId: WechatClient.nextMsgId(),
      });
      await wechat.post(openId, {
        MsgType: 'video',
        MediaId: 'media-video-1',
        ThumbMediaId: 'thumb-1',
        MsgId: WechatClient.nextMsgId(),
      });
      const sent = await delivered(openId);
      const lines = await transcript(openId);
      expect(lines[0]).toMatchObject({
        from: 'customer',
        text: '[图片] http://mmbiz.qpic.cn/mmbiz_jpg/sample/0',
      });
      expect(sent.map(shownText)).toEqual([
        expect.stringMatching(/收到您发来的图片.*文字/),
        expect.stringMatching(/视频.*文字/),
      ]);
    });

    it('greets a new follower once (subscribe event, de-duplicated by sender and time)', async () => {
      const openId = newOpenId();
      const event = { MsgType: 'event', Event: 'subscribe', CreateTime: '1700000000' };
      await wechat.post(openId, event);
      await wechat.post(openId, event);
      const sent = await delivered(openId);
      expect(sent).toHaveLength(1);
      const lines = await transcript(openId);
      expect(lines.map((m) => m.from)).toEqual(['bot']);
      expect(sent[0]?.text?.content ?? sent[0]?.msgmenu?.head_content).toBe(lines[0]?.text);
    });

    it('cuts an oversized message, tells the customer, and still answers', async () => {
      const openId = newOpenId();
      const long = `我要投诉你们的宽带。${'断网断网断网断网断网。'.repeat(500)}`;
      await wechat.text(openId, long);
      await delivered(openId);
      const lines = await transcript(openId);
      const customer = lines.find((m) => m.from === 'customer');
      expect([...(customer?.text ?? '')].length).toBe(4000);
      expect(lines.some((m) => m.from === 'system' && m.text.includes('前 4000 个字'))).toBe(true);
    });

    it('survives an outage: failed sends are retried until the platform takes them', async () => {
      const openId = newOpenId();
      platform.failNext(5);
      await wechat.text(openId, '你好');
      const sent = await delivered(openId);
      expect(sent.length).toBeGreaterThan(0);
    });

    it('refreshes an access token the platform invalidated and resends', async () => {
      const openId = newOpenId();
      await wechat.text(openId, '你好');
      await delivered(openId);
      const before = platform.tokenFetches;
      platform.rotateToken();
      await wechat.text(openId, '查询投诉进度');
      await delivered(openId);
      expect(platform.tokenFetches).toBe(before + 1);
    });
  });
}

wechatSuite('plain');
wechatSuite('safe');

describe('WeChat with an agent', { timeout: 60_000 }, () => {
  let app: App;
  let url: string;
  let platform: FakeWechatApi;
  let wechat: WechatClient;

  beforeAll(async () => {
    nock.enableNetConnect('127.0.0.1');
    ({ app, url } = await startChannelApp(ENV));
    wechat = new WechatClient({ url, token: WECHAT_SAMPLE.token, appId: WECHAT_SAMPLE.appId });
    platform = new FakeWechatApi();
  });
  afterAll(async () => {
    await app.close();
    nock.cleanAll();
  });

  async function handedOff(openId: string): Promise<{ id: string; token: string }> {
    await wechat.text(openId, '你们乱扣我话费整整三个月!气死我了!!我要投诉,马上给我转人工!');
    const token = await login(url, 'amy');
    const item = await eventually(async () => {
      const queue = (await api(url, '/queue', { token })).body['items'] as Array<{
        id: string;
        summary: { channel: string; transcript: Message[] };
      }>;
      return queue.find((i) =>
        i.summary.transcript.some((m) => m.text.includes('乱扣我话费整整三个月')),
      );
    }, 'the handoff in the queue');
    expect(item.summary.channel).toBe('wechat');
    expect((await api(url, `/handoffs/${item.id}/claim`, { token, body: {} })).status).toBe(200);
    return { id: item.id, token };
  }

  it('delivers an agent reply to WeChat, and refuses one after the 48-hour window with a clear 409', async () => {
    const openId = newOpenId();
    const { id, token } = await handedOff(openId);
    const sent = await api(url, `/handoffs/${id}/messages`, {
      token,
      body: { text: '您好,我是客服小艾' },
    });
    expect(sent.status).toBe(200);
    await eventually(
      () => platform.to(openId).find((m) => m.text?.content === '您好,我是客服小艾'),
      'the agent reply on WeChat',
    );

    const directory = new ConversationDirectory(app.context.storage);
    const twoDaysAgo = new Date(Date.now() - 49 * 3_600_000);
    await directory.touch({ channel: 'wechat', user: openId }, twoDaysAgo);
    const late = await api(url, `/handoffs/${id}/messages`, { token, body: { text: '还在吗?' } });
    expect(late.status).toBe(409);
    expect(late.body['error']).toBe('reply_window_closed');
    expect(String(late.body['message'])).toContain('48 h');
    expect(platform.to(openId).some((m) => m.text?.content === '还在吗?')).toBe(false);
  });

  it('passes an image to the agent who owns the case, without the assistant answering it', async () => {
    const openId = newOpenId();
    await handedOff(openId);
    const before = (await app.context.transcript.list(conversationOf(openId))).length;
    await wechat.post(openId, {
      MsgType: 'image',
      PicUrl: 'http://mmbiz.qpic.cn/mmbiz_jpg/bill/0',
      MediaId: 'media-bill',
      MsgId: WechatClient.nextMsgId(),
    });
    const after = (await app.context.transcript.list(conversationOf(openId))).slice(before);
    expect(after).toEqual([
      expect.objectContaining({
        from: 'customer',
        text: '[图片] http://mmbiz.qpic.cn/mmbiz_jpg/bill/0',
      }),
    ]);
  });

  it('tells a waiting customer when their place in line changes', async () => {
    const token = await login(url, 'bob');
    const ahead = newOpenId();
    const behind = newOpenId();
    for (const openId of [ahead, behind])
      await wechat.text(openId, '宽带断网三天了!!气死我了,我要投诉,马上给我转人工!');
    // Same priority: the one who asked first is first in line; the queue holds just these two.
    const queue = (await api(url, '/queue', { token })).body['items'] as Array<{ id: string }>;
    expect(queue).toHaveLength(2);
    const behindBefore = platform.to(behind).length;
    const id = queue[0]?.id ?? '';
    expect((await api(url, `/handoffs/${id}/claim`, { token, body: {} })).status).toBe(200);
    const notice = await eventually(
      () =>
        platform
          .to(behind)
          .slice(behindBefore)
          .find((m) => /下一位就是您|前面还有/.test(shownText(m))),
      'the new place in line',
    );
    expect(shownText(notice)).toMatch(/下一位就是您|前面还有 \d+ 位/);
  });

  it('notes in the transcript a message the platform rejects for good (45015)', async () => {
    const openId = newOpenId();
    const { id, token } = await handedOff(openId);
    platform.answerNext(45015);
    expect(
      (await api(url, `/handoffs/${id}/messages`, { token, body: { text: '请问方便接电话吗' } }))
        .status,
    ).toBe(200);
    const note = await eventually(
      async () =>
        (await app.context.transcript.list(conversationOf(openId))).find(
          (m) => m.from === 'system' && m.text.includes('未能送达'),
        ),
      'the undelivered note',
    );
    expect(note.text).toContain('45015');
  });
});
