import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import nock from 'nock';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env.js';
import { PromptLoader } from '../../src/llm/prompt-loader.js';
import { createUnderstanding } from '../../src/understanding/create-understanding.js';
import { FallbackUnderstanding } from '../../src/understanding/fallback.understanding.js';
import {
  loadUnderstandingPrompts,
  OpenAIUnderstanding,
  type UnderstandingPrompts,
} from '../../src/understanding/openai/openai.understanding.js';
import {
  completionBody,
  expectCompletion,
  FakeClock,
  LLM_BASE_URL,
  testClient,
  type TestClientOptions,
} from '../llm/openai-fake.js';
import { context, FixedUnderstanding, NEUTRAL, wireAnswer } from './openai-fixtures.js';

let prompts: UnderstandingPrompts;
beforeAll(async () => {
  nock.disableNetConnect();
  prompts = await loadUnderstandingPrompts(new PromptLoader());
});
afterAll(() => nock.enableNetConnect());
afterEach(() => nock.cleanAll());

const text = '昨天下午在营业厅被多扣了50元,我要退款';
const good = (): string => JSON.stringify(wireAnswer());

function wrapper(options: TestClientOptions = {}): {
  understanding: FallbackUnderstanding;
  offline: FixedUnderstanding;
} {
  const offline = new FixedUnderstanding();
  const llm = testClient(options);
  return {
    understanding: new FallbackUnderstanding(new OpenAIUnderstanding(llm, prompts), offline),
    offline,
  };
}

describe('FallbackUnderstanding over OpenAI', () => {
  it('returns the LLM analysis when the call succeeds, without asking offline', async () => {
    expectCompletion().reply(200, completionBody(good()));
    const { understanding, offline } = wrapper();
    const analysis = await understanding.analyze(text, context());
    expect(analysis.category).toBe('billing');
    expect(offline.seen).toEqual([]);
  });

  it.each([
    ['malformed JSON', () => expectCompletion().reply(200, completionBody('{"lang":"zh",'))],
    [
      'schema-violating output',
      () =>
        expectCompletion().reply(
          200,
          completionBody(JSON.stringify(wireAnswer({ emotion: 'furious' as 'angry' }))),
        ),
    ],
    [
      '500 twice',
      () =>
        expectCompletion()
          .times(2)
          .reply(500, { error: { message: 'down' } }),
    ],
    ['a 401', () => expectCompletion().reply(401, { error: { message: 'bad key' } })],
  ])('answers with the offline result on %s', async (_name, arrange) => {
    arrange();
    const { understanding, offline } = wrapper();
    expect(await understanding.analyze(text, context())).toEqual(NEUTRAL);
    expect(offline.seen).toEqual([text]);
  });

  it('answers with the LLM analysis after a 429 then success', async () => {
    expectCompletion().reply(429, { error: { message: 'slow down' } });
    expectCompletion().reply(200, completionBody(good()));
    const { understanding, offline } = wrapper();
    expect((await understanding.analyze(text, context())).category).toBe('billing');
    expect(offline.seen).toEqual([]);
  });

  it('answers offline when the server is slower than the timeout', async () => {
    expectCompletion().delay(3_000).reply(200, completionBody(good()));
    const { understanding } = wrapper({ timeoutMs: 80 });
    const started = Date.now();
    expect(await understanding.analyze(text, context())).toEqual(NEUTRAL);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('stops calling the server while the breaker is open and tries again after the cool-down', async () => {
    const clock = new FakeClock();
    const { understanding, offline } = wrapper({ failureThreshold: 2, cooldownMs: 5_000, clock });
    expectCompletion()
      .times(4)
      .reply(503, { error: { message: 'outage' } });
    await understanding.analyze(text, context());
    await understanding.analyze(text, context());
    let calls = 0;
    const idle = expectCompletion().reply(() => {
      calls += 1;
      return [200, completionBody(good())];
    });
    for (let i = 0; i < 5; i += 1)
      expect(await understanding.analyze(text, context())).toEqual(NEUTRAL);
    expect(calls).toBe(0);
    expect(offline.seen).toHaveLength(7);
    clock.advance(5_000);
    expect((await understanding.analyze(text, context())).category).toBe('billing');
    expect(calls).toBe(1);
    expect(idle.isDone()).toBe(true);
  });

  it('logs the failure reason through an injected pino logger, never the customer text', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ level: 'debug' }, sink);
    expectCompletion().reply(200, completionBody('not json'));
    const offline = new FixedUnderstanding();
    const understanding = new FallbackUnderstanding(
      new OpenAIUnderstanding(testClient({ logger }), prompts),
      offline,
      logger,
    );
    await understanding.analyze('我的电话13812345678,气死了', context());
    const log = lines.join('');
    expect(log).toContain('"reason":"malformed_json"');
    expect(log).toContain('understanding fell back to offline');
    expect(log).not.toContain('13812345678');
    expect(log).not.toContain('气死了');
  });
});

describe('FallbackUnderstanding guards', () => {
  it('answers offline even if the primary throws instead of reporting', async () => {
    const offline = new FixedUnderstanding();
    const throwing = { tryAnalyze: () => Promise.reject(new Error('bug')) };
    expect(await new FallbackUnderstanding(throwing, offline).analyze(text, context())).toEqual(
      NEUTRAL,
    );
  });

  it('refuses at load time a prompt that uses a variable the backend does not fill', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'qt-prompts-'));
    await mkdir(path.join(root, 'understanding'));
    await writeFile(path.join(root, 'understanding/system.zh.md'), '现在 {{now}}');
    await writeFile(path.join(root, 'understanding/system.en.md'), 'Now {{now}} for {{customer}}');
    await expect(loadUnderstandingPrompts(new PromptLoader(root))).rejects.toThrow(/customer/);
  });
});

describe('createUnderstanding', () => {
  it('is the offline backend itself when no OPENAI_API_KEY is set', async () => {
    const offline = new FixedUnderstanding();
    expect(await createUnderstanding(loadEnv({}), offline)).toBe(offline);
  });

  it('builds the OpenAI backend with offline fallback from the environment', async () => {
    const env = loadEnv({
      OPENAI_API_KEY: 'test-key',
      OPENAI_BASE_URL: LLM_BASE_URL,
      OPENAI_MODEL: 'qt-model',
      OPENAI_BREAKER_THRESHOLD: '1',
    });
    const offline = new FixedUnderstanding();
    const understanding = await createUnderstanding(env, offline);
    const models: string[] = [];
    expectCompletion()
      .reply(200, (_uri, body) => {
        models.push((body as { model: string }).model);
        return completionBody(good());
      })
      .post('/v1/chat/completions')
      .reply(500, { error: { message: 'down' } })
      .post('/v1/chat/completions')
      .reply(500, { error: { message: 'down' } });
    expect((await understanding.analyze(text, context())).category).toBe('billing');
    expect(models).toEqual(['qt-model']);
    expect(await understanding.analyze(text, context())).toEqual(NEUTRAL);
    expect(offline.seen).toEqual([text]);
  });
});
