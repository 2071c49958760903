import nock from 'nock';
import OpenAI from 'openai';
import { CircuitBreaker } from '../../src/llm/circuit-breaker.js';
import { LlmClient, type LlmClientOptions } from '../../src/llm/llm-client.js';

/** nock helpers for driving the real openai SDK against a fake OpenAI-compatible server. */
export const LLM_ORIGIN = 'https://llm.test';
export const LLM_BASE_URL = `${LLM_ORIGIN}/v1`;
export const COMPLETIONS_PATH = '/v1/chat/completions';

export interface SentRequest {
  model: string;
  temperature?: number;
  max_completion_tokens?: number;
  messages: Array<{ role: string; content: string }>;
  response_format?: { type: string; json_schema?: { name: string; strict?: boolean } };
}

/** A chat completion body as the server sends it. */
export function completionBody(
  content: string | null,
  usage = { prompt_tokens: 120, completion_tokens: 30 },
  refusal: string | null = null,
): object {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_764_000_000,
    model: 'test-model',
    choices: [
      {
        index: 0,
        finish_reason: 'stop',
        logprobs: null,
        message: { role: 'assistant', content, refusal },
      },
    ],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  };
}

/** One expected POST to the completions endpoint; every body it receives is pushed to `sent`. */
export function expectCompletion(sent: SentRequest[] = []): nock.Interceptor {
  return nock(LLM_ORIGIN)
    .post(COMPLETIONS_PATH, (body: SentRequest) => {
      sent.push(body);
      return true;
    })
    .matchHeader('authorization', 'Bearer test-key');
}

export class FakeClock {
  time = 1_000_000;
  readonly now = (): number => this.time;
  advance(ms: number): void {
    this.time += ms;
  }
}

export interface TestClientOptions extends Partial<Omit<LlmClientOptions, 'breaker' | 'openai'>> {
  failureThreshold?: number;
  cooldownMs?: number;
  clock?: FakeClock;
}

/** An LlmClient over the real SDK pointed at the nock origin, with short test-friendly timings. */
export function testClient(options: TestClientOptions = {}): LlmClient {
  const { failureThreshold = 3, cooldownMs = 30_000, clock = new FakeClock(), ...rest } = options;
  return new LlmClient({
    openai: new OpenAI({ apiKey: 'test-key', baseURL: LLM_BASE_URL, maxRetries: 0 }),
    model: 'test-model',
    timeoutMs: 2_000,
    maskPii: true,
    retryBackoffMs: 5,
    breaker: new CircuitBreaker({ failureThreshold, cooldownMs, now: clock.now }),
    ...rest,
  });
}
