import { setTimeout as sleep } from 'node:timers/promises';
import type OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { ChatCompletion } from 'openai/resources/chat/completions';
import type { z } from 'zod';
import type { BreakerState, CircuitBreaker } from './circuit-breaker.js';
import { classifyError } from './classify-error.js';
import { type LlmLogger, silentLogger } from './logger.js';
import {
  isRetryable,
  type LlmFailure,
  type LlmOutcome,
  type LlmSuccess,
  type TokenUsage,
} from './outcome.js';
import { PiiMasker } from './pii-masker.js';
import { UsageMeter, type UsageSnapshot } from './usage-meter.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface LlmClientOptions {
  /** An SDK client built with `maxRetries: 0`: this client owns retries. */
  openai: OpenAI;
  model: string;
  /** Budget for a whole call, retry and backoff included. */
  timeoutMs: number;
  /** Mask phones, id and card numbers and emails in every message, and restore them in the answer. */
  maskPii: boolean;
  breaker: CircuitBreaker;
  meter?: UsageMeter;
  logger?: LlmLogger;
  /** Base wait before the single retry of a 429/5xx (jittered ×0.5–1.5) unless the server sent Retry-After. */
  retryBackoffMs?: number;
}

export interface CompletionRequest {
  messages: readonly ChatMessage[];
  /** Sent only when given: reasoning models reject any temperature but their default. */
  temperature?: number;
  /** Sent only when given, as `max_completion_tokens`. */
  maxTokens?: number;
  /** A tighter budget for this call (a reply the customer waits for); never looser than the client's. */
  timeoutMs?: number;
}

export interface StructuredRequest<S extends z.ZodType> extends CompletionRequest {
  /** Schema name sent to the server: letters, digits, `_` and `-`. */
  name: string;
  /** Sent as a strict JSON schema and used again to validate the answer. */
  schema: S;
}

type Decoded<T> = { ok: true; value: T } | Omit<LlmFailure, 'attempts'>;
type AttemptResult<T> = Omit<LlmSuccess<T>, 'attempts'> | Omit<LlmFailure, 'attempts'>;
type ResponseFormat = ReturnType<typeof zodResponseFormat>;

const DEFAULT_BACKOFF_MS = 300;

/** The one way Qingting talks to an LLM: deadline, one retry, breaker, masking and usage, failures as values. */
export class LlmClient {
  private readonly meter: UsageMeter;
  private readonly logger: LlmLogger;
  private readonly formats = new WeakMap<z.ZodType, ResponseFormat>();

  constructor(private readonly options: LlmClientOptions) {
    this.meter = options.meter ?? new UsageMeter();
    this.logger = options.logger ?? silentLogger;
  }

  get breakerState(): BreakerState {
    return this.options.breaker.state;
  }

  usage(): UsageSnapshot {
    return this.meter.snapshot();
  }

  /** A JSON answer validated by `schema`; anything else is a failure value, never a throw. */
  structured<S extends z.ZodType>(request: StructuredRequest<S>): Promise<LlmOutcome<z.output<S>>> {
    const format = this.responseFormat(request.schema, request.name);
    return this.run(request, format, (content, masker) => {
      let json: unknown;
      try {
        json = JSON.parse(content);
      } catch {
        return {
          ok: false,
          reason: 'malformed_json',
          detail: `not JSON (${content.length} chars)`,
        };
      }
      const parsed = request.schema.safeParse(masker ? masker.restoreDeep(json) : json);
      if (parsed.success) return { ok: true, value: parsed.data };
      const issues = parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
      return { ok: false, reason: 'schema_violation', detail: issues.join('; ') };
    });
  }

  /** Free text (replies, summaries); placeholders in the answer are restored. */
  text(request: CompletionRequest): Promise<LlmOutcome<string>> {
    return this.run(request, undefined, (content, masker) =>
      content.trim() === ''
        ? { ok: false, reason: 'malformed_json', detail: 'empty answer' }
        : { ok: true, value: masker ? masker.restore(content) : content },
    );
  }

  /** JSON-schema generation is not free; each schema is converted once. */
  private responseFormat(schema: z.ZodType, name: string): ResponseFormat {
    const cached = this.formats.get(schema);
    if (cached?.json_schema.name === name) return cached;
    const format = zodResponseFormat(schema, name);
    this.formats.set(schema, format);
    return format;
  }

  private async run<T>(
    request: CompletionRequest,
    format: ResponseFormat | undefined,
    decode: (content: string, masker: PiiMasker | undefined) => Decoded<T>,
  ): Promise<LlmOutcome<T>> {
    const { breaker } = this.options;
    if (!breaker.tryAcquire()) {
      return this.finish({
        ok: false,
        reason: 'circuit_open',
        detail: 'breaker open',
        attempts: 0,
      });
    }
    const masker = this.options.maskPii ? new PiiMasker() : undefined;
    const messages = request.messages.map((m) => ({
      role: m.role,
      content: masker ? masker.mask(m.content) : m.content,
    }));
    const timeoutMs = Math.min(request.timeoutMs ?? Infinity, this.options.timeoutMs);
    const deadline = Date.now() + timeoutMs;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let outcome: LlmOutcome<T>;
    try {
      outcome = await this.attempts(controller.signal, deadline, async (signal) => {
        const completion = await this.options.openai.chat.completions.create(
          {
            model: this.options.model,
            messages,
            ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
            ...(request.maxTokens === undefined
              ? {}
              : { max_completion_tokens: request.maxTokens }),
            ...(format === undefined ? {} : { response_format: format }),
          },
          { signal },
        );
        return this.decodeCompletion(completion, masker, decode);
      });
    } finally {
      clearTimeout(timer);
    }
    const before = breaker.state;
    if (outcome.ok) breaker.recordSuccess();
    else breaker.recordFailure();
    if (breaker.state !== before) {
      this.logger.warn({ from: before, to: breaker.state }, 'llm circuit breaker changed state');
    }
    return this.finish(outcome);
  }

  /** One attempt, plus exactly one more after a backoff when the first was a 429/5xx and time allows. */
  private async attempts<T>(
    signal: AbortSignal,
    deadline: number,
    once: (signal: AbortSignal) => Promise<AttemptResult<T>>,
  ): Promise<LlmOutcome<T>> {
    for (let attempt = 1; ; attempt += 1) {
      let result: AttemptResult<T>;
      let retryAfterMs: number | undefined;
      try {
        result = await once(signal);
      } catch (error) {
        const classified = classifyError(error, signal.aborted);
        result = { ok: false, reason: classified.reason, detail: classified.detail };
        retryAfterMs = classified.retryAfterMs;
      }
      if (result.ok || attempt === 2 || !isRetryable(result.reason)) {
        return { ...result, attempts: attempt };
      }
      const base = this.options.retryBackoffMs ?? DEFAULT_BACKOFF_MS;
      const wait = retryAfterMs ?? base * (0.5 + Math.random());
      if (Date.now() + wait >= deadline) return { ...result, attempts: attempt };
      try {
        await sleep(wait, undefined, { signal });
      } catch {
        return {
          ok: false,
          reason: 'timeout',
          detail: 'deadline reached in backoff',
          attempts: attempt,
        };
      }
    }
  }

  private decodeCompletion<T>(
    completion: ChatCompletion,
    masker: PiiMasker | undefined,
    decode: (content: string, masker: PiiMasker | undefined) => Decoded<T>,
  ): AttemptResult<T> {
    const usage: TokenUsage = {
      promptTokens: completion.usage?.prompt_tokens ?? 0,
      completionTokens: completion.usage?.completion_tokens ?? 0,
    };
    this.meter.recordTokens(usage);
    const message = completion.choices[0]?.message;
    if (message?.refusal) return { ok: false, reason: 'refused', detail: 'model refused' };
    const decoded = decode(message?.content ?? '', masker);
    return decoded.ok ? { ...decoded, usage } : decoded;
  }

  private finish<T>(outcome: LlmOutcome<T>): LlmOutcome<T> {
    this.meter.recordOutcome(outcome);
    if (!outcome.ok) {
      const fields = {
        reason: outcome.reason,
        detail: outcome.detail,
        attempts: outcome.attempts,
        breaker: this.options.breaker.state,
      };
      // While the breaker is open every call is refused; that is logged once, at the transition.
      if (outcome.reason === 'circuit_open') this.logger.debug(fields, 'llm call failed');
      else this.logger.warn(fields, 'llm call failed');
    }
    return outcome;
  }
}
