import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import { ConfigError, loadEnv } from '../../../src/config/env.js';
import { startChannelApp } from '../support/channel-app.js';
import { WECHAT_SAMPLE } from '../support/wechat-fake.js';
import { WECOM_SAMPLE } from '../support/wecom-fake.js';

const WECHAT = {
  WECHAT_APP_ID: WECHAT_SAMPLE.appId,
  WECHAT_APP_SECRET: WECHAT_SAMPLE.secret,
  WECHAT_TOKEN: WECHAT_SAMPLE.token,
};
const WECOM = {
  WECOM_CORP_ID: WECOM_SAMPLE.corpId,
  WECOM_SECRET: WECOM_SAMPLE.secret,
  WECOM_TOKEN: WECOM_SAMPLE.token,
  WECOM_ENCODING_AES_KEY: WECOM_SAMPLE.aesKey,
};

describe('channel configuration', { timeout: 30_000 }, () => {
  it('stops start-up naming the variables a half-configured channel lacks', async () => {
    const env = loadEnv({
      LOG_LEVEL: 'silent',
      RECORDS: 'none',
      WECHAT_APP_ID: WECHAT_SAMPLE.appId,
    });
    const starting = createApp(env, { logger: pino({ level: 'silent' }) });
    await expect(starting).rejects.toThrow(ConfigError);
    await expect(starting).rejects.toThrow(
      'Invalid WECHAT_APP_SECRET, WECHAT_TOKEN: required for the WeChat channel (WECHAT_APP_ID is set)',
    );
  });

  it('refuses an EncodingAESKey that is not 43 letters and digits', () => {
    expect(() => loadEnv({ ...WECHAT, WECHAT_ENCODING_AES_KEY: 'short' })).toThrow(
      /Invalid WECHAT_ENCODING_AES_KEY: 43 letters and digits/,
    );
  });

  it('lists each enabled channel on /readyz and on the app', async () => {
    const { app, url } = await startChannelApp({ ...WECHAT, ...WECOM });
    try {
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(200);
      const body = (await ready.json()) as { checks: Record<string, string> };
      expect(body.checks).toMatchObject({ 'channel:wechat': 'ok', 'channel:wecom': 'ok' });
      expect(app.channels.enabled.map((c) => [c.id, c.endpoint])).toEqual([
        ['wechat', 'GET/POST /channels/wechat (plain mode)'],
        ['wecom', 'GET/POST /channels/wecom'],
      ]);
    } finally {
      await app.close();
    }
  });

  it('enables no platform channel without its variables', async () => {
    const { app, url } = await startChannelApp({});
    try {
      const body = (await (await fetch(`${url}/readyz`)).json()) as {
        checks: Record<string, string>;
      };
      expect(Object.keys(body.checks).filter((k) => k.startsWith('channel:'))).toEqual([]);
      expect((await fetch(`${url}/channels/wechat`)).status).toBe(404);
    } finally {
      await app.close();
    }
  });
});
