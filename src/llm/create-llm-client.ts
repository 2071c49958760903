import OpenAI from 'openai';
import type { Env } from '../config/env.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { LlmClient } from './llm-client.js';
import type { LlmLogger } from './logger.js';
import type { UsageMeter } from './usage-meter.js';

/** The variables the LLM layer reads. */
export type LlmEnv = Pick<
  Env,
  | 'OPENAI_API_KEY'
  | 'OPENAI_BASE_URL'
  | 'OPENAI_MODEL'
  | 'OPENAI_TIMEOUT_MS'
  | 'OPENAI_MASK_PII'
  | 'OPENAI_BREAKER_THRESHOLD'
  | 'OPENAI_BREAKER_COOLDOWN_MS'
>;

export interface CreateLlmClientOptions {
  logger?: LlmLogger;
  meter?: UsageMeter;
  /** Clock for the breaker's cool-down. */
  now?: () => number;
}

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** The shared client every LLM feature uses (one breaker per process), or undefined when no key is set. */
export function createLlmClient(
  env: LlmEnv,
  options: CreateLlmClientOptions = {},
): LlmClient | undefined {
  if (!env.OPENAI_API_KEY) return undefined;
  const openai = new OpenAI({
    apiKey: env.OPENAI_API_KEY,
    // Passed explicitly so the SDK does not read process.env itself (config/env.ts is the only reader).
    baseURL: env.OPENAI_BASE_URL ?? DEFAULT_BASE_URL,
    maxRetries: 0,
    timeout: env.OPENAI_TIMEOUT_MS,
  });
  return new LlmClient({
    openai,
    model: env.OPENAI_MODEL,
    timeoutMs: env.OPENAI_TIMEOUT_MS,
    maskPii: env.OPENAI_MASK_PII,
    breaker: new CircuitBreaker({
      failureThreshold: env.OPENAI_BREAKER_THRESHOLD,
      cooldownMs: env.OPENAI_BREAKER_COOLDOWN_MS,
      now: options.now,
    }),
    meter: options.meter,
    logger: options.logger,
  });
}
