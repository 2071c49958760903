import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const LLM_ORIGIN = 'http://llm.live-config.test';
const PROMPT_MARKER = '（已发布的理解提示词 live-config）';
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
    /** The system prompts the instances sent to the (failing) LLM, newest last. */
    const systemPrompts: string[] = [];
    beforeAll(() => {
      nock(LLM_ORIGIN)
        .persist()
        .post(/.*/)
        .reply(500, (_uri, body) => {
          const messages = (body as { messages?: { role: string; content: string }[] }).messages;
          const system = messages?.find((m) => m.role === 'system');
          if (system) systemPrompts.push(system.content);
          return { error: { message: 'down' } };
        });
    });
    afterAll(async () => {
      nock.cleanAll();
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

    const urls: string[] = [];

    it('a publish on one instance answers customers on the other within 2 s', async () => {
      scratch = await createScratchDatabase();
      const env = {
        ...productionEnv(redis, scratch),
        AGENT_SEED: 'root:secret-root',
        AGENT_ADMINS: 'root',
        AGENT_TOKEN_SECRET: 'live-config-secret-live-config-secret-01',
        // An LLM that always fails (the offline path answers), so the prompts sent are observed;
        // a breaker that never opens keeps every turn calling it.
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: `${LLM_ORIGIN}/v1`,
        OPENAI_BREAKER_THRESHOLD: '100000',
      };
      const start = async () => {
        const started = await startProductApp(env);
        apps.push(started.app);
        return started.url;
      };
      const one = await start();
      const other = await start();
      expect(await answerTo(other, QUESTION)).not.toContain(NEW_ANSWER);

      urls.push(one, other);
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

    /** Saves and publishes a body of a kind on the first instance; the publish time. */
    async function publish(kind: string, body: string): Promise<number> {
      const [one] = urls;
      if (one === undefined) throw new Error('the instances did not start');
      const token = await login(one, 'root');
      const call = async (path: string, payload: unknown) => {
        const response = await fetch(`${one}/api/admin/config/${kind}${path}`, {
          method: path === '' ? 'PUT' : 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(payload),
        });
        return { status: response.status, body: (await response.json()) as { version?: number } };
      };
      const draft = await call('', { body });
      expect(draft.status, JSON.stringify(draft.body)).toBe(201);
      const published = await call('/publish', { version: draft.body.version });
      expect(published.status, JSON.stringify(published.body)).toBe(200);
      return Date.now();
    }

    /** Polls `probe` on the other instance until it holds or 2 s after the publish. */
    async function within2s(since: number, probe: () => Promise<boolean>): Promise<void> {
      let held = await probe();
      while (!held && Date.now() - since < 2000) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        held = await probe();
      }
      expect(held).toBe(true);
      expect(Date.now() - since).toBeLessThan(2000);
    }

    it('published canned responses are what agents on the other instance get', async () => {
      const other = urls[1] ?? '';
      const token = await login(other, 'root');
      const shortcuts = async () => {
        const response = await fetch(`${other}/api/agent/canned-responses?lang=zh`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const body = (await response.json()) as { items: { shortcut: string; text: string }[] };
        return body.items;
      };
      expect((await shortcuts()).map((r) => r.shortcut)).not.toContain('/live-check');
      const since = await publish(
        'canned',
        [
          '# ==> canned.yaml <==',
          'responses:',
          '  - lang: zh',
          '    shortcut: /live-check',
          '    title: 核对进度',
          '    text: 您好，已为您核对处理进度。',
          '',
        ].join('\n'),
      );
      await within2s(since, async () =>
        (await shortcuts()).some((r) => r.shortcut === '/live-check' && r.text.includes('核对')),
      );
    });

    it("published rules and business hours decide the other instance's handoffs", async () => {
      const other = apps[1];
      const otherUrl = urls[1] ?? '';
      if (other === undefined) throw new Error('no second instance');
      // A one-hour window twelve hours away in Shanghai: closed now, and opens later.
      const hour = Number(
        new Intl.DateTimeFormat('en-US', {
          timeZone: 'Asia/Shanghai',
          hour: '2-digit',
          hourCycle: 'h23',
        }).format(new Date()),
      );
      const open = (hour + 12) % 24;
      const pad = (n: number) => String(n).padStart(2, '0');
      await publish(
        'business_hours',
        [
          '# ==> business-hours.yaml <==',
          `hours: mon-sun ${pad(open)}:00-${pad(open + 1)}:00`,
          'timeZone: Asia/Shanghai',
          'slaMinutes: { P1: 7, P2: 8, P3: 9, P4: 11 }',
          '',
        ].join('\n'),
      );
      const since = await publish('rules', '# ==> rules.yaml <==\nhandoff:\n  humanOnly: true\n');
      const SLA = { P1: 7, P2: 8, P3: 9, P4: 11 } as const;
      let conversation = 0;
      await within2s(since, async () => {
        // Without the rules a plain complaint asks for details; humanOnly hands it over at once.
        const { client, box } = await connectChat(otherUrl);
        try {
          await box.next();
          await client.emitWithAck('message', {
            text: '宽带断网三天了，一直连不上',
            clientMessageId: `rules-${++conversation}`,
          });
          await box.next();
          await new Promise((resolve) => setTimeout(resolve, 150));
          const items = await other.context.handoff.service.queueItems();
          const mine = items.find((i) => i.summary.handoffRule === 'human_only_category');
          if (mine === undefined) return false;
          const waited =
            (Date.parse(mine.summary.slaDeadline) - Date.parse(mine.summary.timestamps.handoffAt)) /
            60_000;
          expect(waited).toBe(SLA[mine.summary.severity]);
          // Closed now: the customer is told when agents will contact them (the script's two wordings).
          const told = box.messages.find((m) => m.meta?.act === 'handoff')?.text ?? '';
          expect(told).toMatch(/不是人工服务时间|已下班/);
          return true;
        } finally {
          client.disconnect();
        }
      });
    });

    it('a published prompt is what the other instance sends the LLM', async () => {
      const body = await readSeedBody('prompts', roots);
      const header = '# ==> understanding/system.zh.md <==\n';
      if (body === undefined || !body.includes(header)) throw new Error('no shipped prompt');
      expect(systemPrompts.some((p) => p.includes(PROMPT_MARKER))).toBe(false);
      const since = await publish('prompts', body.replace(header, `${header}${PROMPT_MARKER}\n`));
      await within2s(since, async () => {
        await answerTo(urls[1] ?? '', '我的宽带又断了');
        return systemPrompts.some((p) => p.includes(PROMPT_MARKER));
      });
    });
  },
);
