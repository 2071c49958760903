import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { conversationIdOf } from '../../src/channels/core/conversation-directory.js';
import { RedisTranscriptStore } from '../../src/storage/redis.transcript-store.js';
import { redisAvailable, TEST_REDIS_URL } from '../support/redis.js';
import { redisScope } from '../support/redis-scope.js';
import { spawnServer } from '../support/spawn-server.js';
import { eventually } from './support/channel-app.js';
import { shownText, WECHAT_SAMPLE, WechatClient } from './support/wechat-fake.js';
import { startWechatServer } from './support/wechat-server.js';

/** The shipped intake flows with the channels from the environment and the default back-off. */
const SERVER = fileURLToPath(new URL('../support/app-server.ts', import.meta.url));

describe.runIf(await redisAvailable())(
  'outbound queue across SIGKILL (Redis mode)',
  { timeout: 120_000 },
  () => {
    const redis = redisScope('channels-sigkill');
    const children: ChildProcess[] = [];
    afterEach(() => {
      for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
    });

    it('loses no reply queued during a WeChat outage when the instance is killed', async () => {
      const platform = await startWechatServer();
      const prefix = redis.prefix();
      // The system of record has its own SIGKILL test (test/records/restart.test.ts).
      const env = {
        RECORDS: 'none',
        REDIS_URL: TEST_REDIS_URL,
        REDIS_PREFIX: prefix,
        AGENT_TOKEN_SECRET: 'wechat-sigkill-secret-wechat-sigkill-secret',
        WECHAT_APP_ID: WECHAT_SAMPLE.appId,
        WECHAT_APP_SECRET: WECHAT_SAMPLE.secret,
        WECHAT_TOKEN: WECHAT_SAMPLE.token,
        WECHAT_API_BASE: platform.url,
      };
      try {
        const first = await spawnServer(SERVER, env);
        children.push(first.child);
        const client = new WechatClient({
          url: first.url,
          token: WECHAT_SAMPLE.token,
          appId: WECHAT_SAMPLE.appId,
        });
        const customers = ['oKill_1', 'oKill_2', 'oKill_3'];
        const texts = [
          '你们乱扣我话费,多扣了50块',
          '宽带断了三天了,一直没人修',
          '快递丢了,单号SF123',
        ];
        for (const [i, openId] of customers.entries()) {
          const answer = await client.text(openId, texts[i] ?? '');
          expect(await answer.text()).toBe('success');
        }
        // Every reply is queued and has failed at least once against the outage.
        await eventually(
          () => (platform.failedAttempts() >= 6 ? true : undefined),
          'failed attempts',
          20_000,
        );
        first.child.kill('SIGKILL');
        await new Promise((resolve) => first.child.once('exit', resolve));

        const second = await spawnServer(SERVER, env);
        children.push(second.child);
        platform.setDown(false);

        const transcripts = new RedisTranscriptStore(redis.client(), prefix);
        for (const openId of customers) {
          const lines = await transcripts.list(
            conversationIdOf({ channel: 'wechat', user: openId }),
          );
          const replies = lines.filter((m) => m.from !== 'customer').map((m) => m.text);
          expect(replies.length).toBeGreaterThan(0);
          const delivered = await eventually(
            () => {
              const got = platform.sent.filter((m) => m.touser === openId).map(shownText);
              return got.length >= replies.length ? got : undefined;
            },
            `the replies to ${openId}`,
            40_000,
          );
          expect(delivered).toEqual(replies);
        }
      } finally {
        await platform.close();
      }
    });
  },
);
