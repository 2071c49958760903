import nock from 'nock';
import { Registry } from 'prom-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { registerLlmMetrics } from '../../src/llm/llm-metrics.js';
import { completionBody, expectCompletion, testClient } from './openai-fake.js';

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => nock.cleanAll());

describe('registerLlmMetrics', () => {
  it('reports tokens, calls by outcome and the breaker state at scrape time', async () => {
    const registry = new Registry();
    const llm = testClient({ failureThreshold: 2 });
    registerLlmMetrics(registry, llm);
    const ask = {
      name: 'a',
      schema: z.object({ n: z.number() }),
      messages: [{ role: 'user' as const, content: 'q' }],
    };
    expectCompletion().reply(
      200,
      completionBody('{"n":1}', { prompt_tokens: 70, completion_tokens: 7 }),
    );
    expectCompletion().reply(200, completionBody('{"n":"x"}'));
    expectCompletion().reply(200, completionBody('oops'));
    for (let i = 0; i < 4; i += 1) await llm.structured(ask);
    const text = await registry.metrics();
    expect(text).toContain('qingting_llm_tokens{kind="prompt"} 310');
    expect(text).toContain('qingting_llm_tokens{kind="completion"} 67');
    expect(text).toContain('qingting_llm_calls{outcome="ok"} 1');
    expect(text).toContain('qingting_llm_calls{outcome="schema_violation"} 1');
    expect(text).toContain('qingting_llm_calls{outcome="malformed_json"} 1');
    expect(text).toContain('qingting_llm_calls{outcome="circuit_open"} 1');
    expect(text).toContain('qingting_llm_breaker_state{state="open"} 1');
    expect(text).toContain('qingting_llm_breaker_state{state="closed"} 0');
  });
});
