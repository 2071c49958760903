import nock from 'nock';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  completionBody,
  expectCompletion,
  FakeClock,
  type SentRequest,
  testClient,
} from './openai-fake.js';

const Answer = z.object({ label: z.enum(['yes', 'no']), score: z.number().min(0).max(1) });
const ask = { name: 'answer', schema: Answer, messages: [{ role: 'user' as const, content: 'q' }] };
const good = JSON.stringify({ label: 'yes', score: 0.9 });

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => nock.cleanAll());

describe('LlmClient.structured', () => {
  it('returns the validated value and sends a strict json_schema response format', async () => {
    const sent: SentRequest[] = [];
    const scope = expectCompletion(sent).reply(200, completionBody(good));
    const outcome = await testClient().structured(ask);
    expect(outcome).toEqual({
      ok: true,
      value: { label: 'yes', score: 0.9 },
      usage: { promptTokens: 120, completionTokens: 30 },
      attempts: 1,
    });
    expect(scope.isDone()).toBe(true);
    expect(sent[0]?.model).toBe('test-model');
    expect(sent[0]).not.toHaveProperty('temperature');
    expect(sent[0]?.response_format?.type).toBe('json_schema');
    expect(sent[0]?.response_format?.json_schema).toMatchObject({ name: 'answer', strict: true });
  });

  it('sends temperature and a token cap only when asked to', async () => {
    const sent: SentRequest[] = [];
    expectCompletion(sent).reply(200, completionBody(good));
    await testClient().structured({ ...ask, temperature: 0.2, maxTokens: 300 });
    expect(sent[0]).toMatchObject({ temperature: 0.2, max_completion_tokens: 300 });
  });

  it('reports malformed JSON as a value', async () => {
    expectCompletion().reply(200, completionBody('{"label": "yes", '));
    const outcome = await testClient().structured(ask);
    expect(outcome).toMatchObject({ ok: false, reason: 'malformed_json', attempts: 1 });
  });

  it('reports output that breaks the schema, naming the field', async () => {
    expectCompletion().reply(200, completionBody(JSON.stringify({ label: 'maybe', score: 2 })));
    const outcome = await testClient().structured(ask);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.reason).toBe('schema_violation');
    expect(outcome.detail).toMatch(/label/);
  });

  it('reports a refusal', async () => {
    expectCompletion().reply(200, completionBody(null, undefined, 'I cannot help with that'));
    expect(await testClient().structured(ask)).toMatchObject({ ok: false, reason: 'refused' });
  });

  it('retries a 429 once and then succeeds', async () => {
    const sent: SentRequest[] = [];
    const scope = expectCompletion(sent)
      .reply(429, { error: { message: 'slow down' } }, { 'retry-after-ms': '10' })
      .post('/v1/chat/completions', (body: SentRequest) => sent.push(body) > 0)
      .reply(200, completionBody(good));
    const outcome = await testClient().structured(ask);
    expect(outcome).toMatchObject({ ok: true, attempts: 2 });
    expect(sent).toHaveLength(2);
    expect(scope.isDone()).toBe(true);
  });

  it('gives up after exactly one retry of a 5xx', async () => {
    let calls = 0;
    const scope = expectCompletion()
      .times(3)
      .reply(() => {
        calls += 1;
        return [500, { error: { message: 'boom' } }];
      });
    const outcome = await testClient().structured(ask);
    expect(outcome).toMatchObject({ ok: false, reason: 'server_error', attempts: 2 });
    expect(calls).toBe(2);
    expect(scope.isDone()).toBe(false);
  });

  it('does not retry a 4xx other than 429', async () => {
    let calls = 0;
    expectCompletion()
      .times(2)
      .reply(() => {
        calls += 1;
        return [400, { error: { message: 'bad request' } }];
      });
    const outcome = await testClient().structured(ask);
    expect(outcome).toMatchObject({ ok: false, reason: 'http_error', attempts: 1 });
    expect(calls).toBe(1);
  });

  it('skips the retry when Retry-After would overrun the deadline', async () => {
    let calls = 0;
    expectCompletion()
      .times(2)
      .reply(() => {
        calls += 1;
        return [429, { error: { message: 'later' } }, { 'retry-after': '60' }];
      });
    const outcome = await testClient().structured(ask);
    expect(outcome).toMatchObject({ ok: false, reason: 'rate_limited', attempts: 1 });
    expect(calls).toBe(1);
  });

  it('aborts a slow server at the deadline', async () => {
    expectCompletion().delay(5_000).reply(200, completionBody(good));
    const started = Date.now();
    const outcome = await testClient({ timeoutMs: 100 }).structured(ask);
    expect(outcome).toMatchObject({ ok: false, reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('takes a tighter per-call budget, never a looser one', async () => {
    expectCompletion().delay(1_000).reply(200, completionBody(good));
    const tight = await testClient().structured({ ...ask, timeoutMs: 50 });
    expect(tight).toMatchObject({ ok: false, reason: 'timeout' });
    expectCompletion().delay(1_000).reply(200, completionBody(good));
    const loose = await testClient({ timeoutMs: 50 }).structured({ ...ask, timeoutMs: 5_000 });
    expect(loose).toMatchObject({ ok: false, reason: 'timeout' });
  });

  it('reports a connection failure as network', async () => {
    expectCompletion().replyWithError('socket hang up');
    expect(await testClient().structured(ask)).toMatchObject({ ok: false, reason: 'network' });
  });
});

describe('LlmClient usage', () => {
  it('counts tokens of every billed answer, including rejected ones, and failures by reason', async () => {
    const client = testClient();
    expectCompletion().reply(
      200,
      completionBody(good, { prompt_tokens: 100, completion_tokens: 20 }),
    );
    expectCompletion().reply(
      200,
      completionBody('nope', { prompt_tokens: 50, completion_tokens: 5 }),
    );
    await client.structured(ask);
    await client.structured(ask);
    expect(client.usage()).toEqual({
      calls: 2,
      succeeded: 1,
      promptTokens: 150,
      completionTokens: 25,
      totalTokens: 175,
      failures: { malformed_json: 1 },
    });
  });
});

describe('LlmClient.text', () => {
  it('returns the answer with masked values restored', async () => {
    const sent: SentRequest[] = [];
    expectCompletion(sent).reply(200, completionBody('We will call you at [PHONE_1] today.'));
    const outcome = await testClient().text({
      messages: [{ role: 'user', content: 'Call me on 13812345678 please' }],
    });
    expect(outcome).toMatchObject({ ok: true, value: 'We will call you at 13812345678 today.' });
    expect(JSON.stringify(sent)).not.toContain('13812345678');
    expect(sent[0]?.response_format).toBeUndefined();
  });
});

describe('LlmClient masking', () => {
  const message = '我的手机 138 1234 5678,邮箱 wang.li@example.com,身份证 11010519491231002X';

  it('sends no phone, email or id number when masking is on, and restores them in the value', async () => {
    const sent: SentRequest[] = [];
    const Echo = z.object({ phone: z.string() });
    expectCompletion(sent).reply(200, completionBody(JSON.stringify({ phone: '[PHONE_1]' })));
    const outcome = await testClient().structured({
      name: 'echo',
      schema: Echo,
      messages: [{ role: 'user', content: message }],
    });
    const body = JSON.stringify(sent);
    expect(body).not.toMatch(/1234\s?5678/);
    expect(body).not.toContain('wang.li@example.com');
    expect(body).not.toContain('11010519491231002X');
    expect(body).toContain('[PHONE_1]');
    expect(outcome).toMatchObject({ ok: true, value: { phone: '138 1234 5678' } });
  });

  it('sends the text as is when masking is off', async () => {
    const sent: SentRequest[] = [];
    expectCompletion(sent).reply(200, completionBody(good));
    await testClient({ maskPii: false }).structured({
      ...ask,
      messages: [{ role: 'user', content: message }],
    });
    expect(JSON.stringify(sent)).toContain('138 1234 5678');
  });
});

describe('LlmClient circuit breaker', () => {
  const fail = (): nock.Scope => expectCompletion().reply(400, { error: { message: 'bad' } });

  it('opens after N consecutive failures and then makes no HTTP call', async () => {
    const client = testClient({ failureThreshold: 2 });
    fail();
    fail();
    await client.structured(ask);
    await client.structured(ask);
    expect(client.breakerState).toBe('open');
    const untouched = expectCompletion().reply(200, completionBody(good));
    const outcome = await client.structured(ask);
    expect(outcome).toMatchObject({ ok: false, reason: 'circuit_open', attempts: 0 });
    expect(untouched.isDone()).toBe(false);
  });

  it('half-opens after the cool-down, lets one probe through, and closes on its success', async () => {
    const clock = new FakeClock();
    const client = testClient({ failureThreshold: 1, cooldownMs: 10_000, clock });
    fail();
    await client.structured(ask);
    clock.advance(9_999);
    expect(await client.structured(ask)).toMatchObject({ reason: 'circuit_open' });
    clock.advance(1);
    expectCompletion().delay(50).reply(200, completionBody(good));
    const probe = client.structured(ask);
    const concurrent = await client.structured(ask);
    expect(concurrent).toMatchObject({ ok: false, reason: 'circuit_open' });
    expect(client.breakerState).toBe('half_open');
    expect(await probe).toMatchObject({ ok: true });
    expect(client.breakerState).toBe('closed');
  });

  it('logs each state change once, and refusals while open only at debug level', async () => {
    const entries: Array<{ level: string; msg: string | undefined }> = [];
    const logger = {
      warn: (_obj: object, msg?: string) => entries.push({ level: 'warn', msg }),
      debug: (_obj: object, msg?: string) => entries.push({ level: 'debug', msg }),
    };
    const client = testClient({ failureThreshold: 1, logger });
    fail();
    await client.structured(ask);
    await client.structured(ask);
    await client.structured(ask);
    expect(entries).toEqual([
      { level: 'warn', msg: 'llm circuit breaker changed state' },
      { level: 'warn', msg: 'llm call failed' },
      { level: 'debug', msg: 'llm call failed' },
      { level: 'debug', msg: 'llm call failed' },
    ]);
  });

  it('re-opens at once when the half-open probe fails', async () => {
    const clock = new FakeClock();
    const client = testClient({ failureThreshold: 3, cooldownMs: 1_000, clock });
    for (let i = 0; i < 3; i += 1) fail();
    for (let i = 0; i < 3; i += 1) await client.structured(ask);
    clock.advance(1_000);
    fail();
    await client.structured(ask);
    expect(client.breakerState).toBe('open');
    const untouched = expectCompletion().reply(200, completionBody(good));
    expect(await client.structured(ask)).toMatchObject({ reason: 'circuit_open' });
    expect(untouched.isDone()).toBe(false);
  });
});
