import nock from 'nock';
import { afterEach, beforeAll, describe, it } from 'vitest';
import { conversationIdOf } from '../../src/channels/core/conversation-directory.js';
import { startIntakeApp } from '../handoff/round-trip.support.js';
import { startChannelApp } from './support/channel-app.js';
import { DirectLineClient, directLineDriver, startDirectLine } from './support/direct-line.js';
import { emailDriver, startMailRig } from './support/mail-rig.js';
import { platformDriver } from './support/platform-driver.js';
import { BOT_TOKEN, startTelegramEmulator, TelegramCustomer } from './support/telegram.js';
import { complaintToTicket, handoffToSurvey, type CustomerDriver } from './support/scenario.js';
import { FakeWechatApi, WECHAT_SAMPLE, WechatClient } from './support/wechat-fake.js';
import { FakeWecomApi, WECOM_SAMPLE, WecomClient } from './support/wecom-fake.js';

/** A channel under the shared scenario: a fresh app with it enabled, and one customer on it. */
interface ChannelUnderTest {
  /** The channel id the summary and the agent console must show. */
  channel: string;
  start(): Promise<{ url: string; customer: CustomerDriver; stop: () => Promise<void> }>;
}

let customers = 0;

const wechat = (mode: 'plain' | 'safe'): ChannelUnderTest => ({
  channel: 'wechat',
  async start() {
    const platform = new FakeWechatApi();
    const aes: Record<string, string> =
      mode === 'safe' ? { WECHAT_ENCODING_AES_KEY: WECHAT_SAMPLE.aesKey } : {};
    const { app, url } = await startChannelApp({
      WECHAT_APP_ID: WECHAT_SAMPLE.appId,
      WECHAT_APP_SECRET: WECHAT_SAMPLE.secret,
      WECHAT_TOKEN: WECHAT_SAMPLE.token,
      WECHAT_API_BASE: WECHAT_SAMPLE.base,
      ...aes,
    });
    const client = new WechatClient({
      url,
      token: WECHAT_SAMPLE.token,
      appId: WECHAT_SAMPLE.appId,
      ...(mode === 'safe' ? { aesKey: WECHAT_SAMPLE.aesKey } : {}),
    });
    const openId = `oContract_${++customers}`;
    const conversationId = conversationIdOf({ channel: 'wechat', user: openId });
    const customer = platformDriver({
      say: (text) => client.text(openId, text),
      delivered: () =>
        platform
          .to(openId)
          .map((m) =>
            m.msgmenu
              ? { text: m.msgmenu.head_content, menu: m.msgmenu.list.map((i) => i.content) }
              : { text: m.text?.content ?? '' },
          ),
      transcript: () => app.context.transcript.list(conversationId),
    });
    return { url, customer, stop: () => app.close() };
  },
});

const wecom: ChannelUnderTest = {
  channel: 'wecom',
  async start() {
    const platform = new FakeWecomApi();
    const { app, url } = await startChannelApp({
      WECOM_CORP_ID: WECOM_SAMPLE.corpId,
      WECOM_SECRET: WECOM_SAMPLE.secret,
      WECOM_TOKEN: WECOM_SAMPLE.token,
      WECOM_ENCODING_AES_KEY: WECOM_SAMPLE.aesKey,
      WECOM_API_BASE: WECOM_SAMPLE.base,
    });
    const client = new WecomClient(url);
    const user = `wmContract_${++customers}`;
    const conversationId = conversationIdOf({
      channel: 'wecom',
      user: `${WECOM_SAMPLE.openKfId}:${user}`,
    });
    const customer = platformDriver({
      say: async (text) => {
        platform.customerSays(user, text);
        await client.notify();
      },
      delivered: () => platform.to(user),
      transcript: () => app.context.transcript.list(conversationId),
    });
    return { url, customer, stop: () => app.close() };
  },
};

const botFramework: ChannelUnderTest = {
  channel: 'botframework',
  async start() {
    const { app, url } = await startIntakeApp({ BOT_FRAMEWORK_ENABLED: 'true' });
    const directLine = await startDirectLine(`${url}/api/messages`);
    const client = await DirectLineClient.open(directLine.url);
    return {
      url,
      customer: directLineDriver(client),
      stop: async () => {
        await directLine.close();
        await app.close();
      },
    };
  },
};

const telegram: ChannelUnderTest = {
  channel: 'telegram',
  async start() {
    const emulator = await startTelegramEmulator();
    const { app, url } = await startChannelApp({
      TELEGRAM_BOT_TOKEN: BOT_TOKEN,
      TELEGRAM_API_ROOT: emulator.config.apiURL,
    });
    return {
      url,
      customer: new TelegramCustomer(emulator, app, 4000 + ++customers),
      stop: async () => {
        await app.close();
        await emulator.stop();
      },
    };
  },
};

const email: ChannelUnderTest = {
  channel: 'email',
  async start() {
    const rig = await startMailRig();
    const { app, url } = await startChannelApp(rig.env);
    const thread = { root: '' };
    const customer = emailDriver(rig, async () =>
      thread.root === ''
        ? []
        : app.context.transcript.list(conversationIdOf({ channel: 'email', user: thread.root })),
    );
    return {
      url,
      customer: {
        async say(text) {
          await customer.say(text);
          thread.root ||= rig.delivered[0] ?? '';
        },
        next: (match, what) => customer.next(match, what),
      },
      stop: async () => {
        await app.close();
        await rig.close();
      },
    };
  },
};

/** Every platform channel, one row each; add a row for a new channel. */
const CHANNELS: Array<[string, ChannelUnderTest]> = [
  ['WeChat (plain)', wechat('plain')],
  ['WeChat (safe mode)', wechat('safe')],
  ['WeCom customer service', wecom],
  ['Bot Framework (Direct Line)', botFramework],
  ['Telegram (long polling, telegram-test-api)', telegram],
  ['Email (IMAP hoodiecrow, SMTP smtp-server)', email],
];

describe.each(CHANNELS)('the same scenario on %s', { timeout: 90_000 }, (_name, subject) => {
  const stops: Array<() => Promise<void>> = [];
  beforeAll(() => {
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
    nock.cleanAll();
  });

  it('files a ticket for a complaint given over several turns', async () => {
    const { url, customer, stop } = await subject.start();
    stops.push(stop);
    await complaintToTicket(customer, url);
  });

  it('hands off, delivers the agent reply on the channel, then the survey', async () => {
    const { url, customer, stop } = await subject.start();
    stops.push(stop);
    await handoffToSurvey(customer, url, subject.channel);
  });
});
