import { afterAll, describe, expect, it } from 'vitest';
import { followLiveConfig } from '../../src/admin/config/live-config.js';
import { readSeedBody } from '../../src/admin/config/seed-config.js';
import type { App } from '../../src/app.js';
import { LocalConfigNotices, notifyingConfigVersions } from '../../src/config/config-notices.js';
import { MemoryConfigVersions } from '../../src/config/memory.config-versions.js';
import type { KnowledgeFiles } from '../../src/knowledge/jsonl.knowledge-loader.js';
import { login } from '../handoff/harness.js';
import { postgresAvailable } from '../records/databases.js';
import { redisAvailable } from '../support/redis.js';
import { redisScope } from '../support/redis-scope.js';
import {
  createScratchDatabase,
  productionEnv,
  type ScratchDatabase,
} from '../support/scratch-database.js';
import { startProductApp } from '../support/product-app.js';
import { connectChat, say } from '../support/test-app.js';

const roots = { configDir: 'config', promptsDir: 'prompts' };
const QUESTION = '怎么查询我的账单';
const NEW_ANSWER = '新的账单答案：请打开App首页的“我的账单”卡片查看。';

async function knowledgeBody(): Promise<string> {
  const body = await readSeedBody('knowledge', roots);
  if (body === undefined) throw new Error('no shipped knowledge');
  return body;
}

/** The shipped knowledge with the billing answer replaced (the entry the question finds). */
async function editedKnowledge(): Promise<string> {
  const body = await knowledgeBody();
  const edited = body.replace(
    /("id": "bill-query-zh".*?"answer": ")[^"]*(")/,
    (_m, head: string, tail: string) => `${head}${NEW_ANSWER}${tail}`,
  );
  if (edited === body) throw new Error('the billing entry was not found');
  return edited;
}

describe('following the live configuration', () => {
  it('applies the live version at start and each publish, keeping the last good one', async () => {
    const notices = new LocalConfigNotices();
    const configs = notifyingConfigVersions(new MemoryConfigVersions(), notices, () => undefined);
    const first = await configs.saveDraft('knowledge', await knowledgeBody(), 'root');
    await configs.publish('knowledge', first.version, 'root');
    const applied: KnowledgeFiles[] = [];
    const errors: object[] = [];
    const live = await followLiveConfig({
      configs,
      notices,
      pollMs: 60_000,
      targets: { knowledge: (files) => void applied.push(files) },
      logger: { info: () => undefined, error: (details) => void errors.push(details) },
    });
    try {
      expect(applied).toHaveLength(1);
      const second = await configs.saveDraft('knowledge', await editedKnowledge(), 'root');
      await configs.publish('knowledge', second.version, 'root');
      await live.check(); // waits for the check the notice started
      expect(applied).toHaveLength(2);
      expect(applied[1]?.entries.find((e) => e.id === 'bill-query-zh')?.answer).toBe(NEW_ANSWER);
      // The memory store takes any text; a broken live body must not replace a good one.
      const broken = await configs.saveDraft('knowledge', '# ==> default.jsonl <==\n{oops\n', 'x');
      await configs.publish('knowledge', broken.version, 'x');
      await live.check();
      await live.check();
      expect(applied).toHaveLength(2);
      expect(errors).toMatchObject([{ kind: 'knowledge', version: broken.version }]);
    } finally {
      live.close();
    }
  });
});

const production = (await redisAvailable()) && (await postgresAvailable());

describe.runIf(production)(
  'two instances on one PostgreSQL and Redis',
  { timeout: 120_000 },
  () => {
    const redis = redisScope('live-config');
    let scratch: ScratchDatabase | undefined;
    const apps: App[] = [];
    afterAll(async () => {
      for (const app of apps) await app.close();
      await scratch?.drop();
    });

    async function answerTo(url: string, text: string): Promise<string> {
      const { client, box } = await connectChat(url);
      try {
        await box.next(); // the greeting
        await say(client, text);
        const [reply] = await box.next();
        return reply?.text ?? '';
      } finally {
        client.disconnect();
      }
    }

    it('a publish on one instance answers customers on the other within 2 s', async () => {
      scratch = await createScratchDatabase();
      const env = {
        ...productionEnv(redis, scratch),
        AGENT_SEED: 'root:secret-root',
        AGENT_ADMINS: 'root',
        AGENT_TOKEN_SECRET: 'live-config-secret-live-config-secret-01',
      };
      const start = async () => {
        const started = await startProductApp(env);
        apps.push(started.app);
        return started.url;
      };
      const one = await start();
      const other = await start();
      expect(await answerTo(other, QUESTION)).not.toContain(NEW_ANSWER);

      const token = await login(one, 'root');
      const call = async (path: string, method: string, body: unknown) => {
        const response = await fetch(`${one}/api/admin/config/knowledge${path}`, {
          method,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(body),
        });
        return { status: response.status, body: (await response.json()) as { version?: number } };
      };
      const draft = await call('', 'PUT', { body: await editedKnowledge() });
      expect(draft.status).toBe(201);
      expect((await call('/publish', 'POST', { version: draft.body.version })).status).toBe(200);
      const published = Date.now();
      let answer = '';
      while (Date.now() - published < 2000 && !answer.includes(NEW_ANSWER))
        answer = await answerTo(other, QUESTION);
      expect(answer).toContain(NEW_ANSWER);
      expect(Date.now() - published).toBeLessThan(2000);
    });
  },
);
