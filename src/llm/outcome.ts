/** Why an LLM call gave no usable value; callers fall back instead of catching (STYLE §7). */
export const LLM_FAILURE_REASONS = [
  'circuit_open',
  'timeout',
  'rate_limited',
  'server_error',
  'http_error',
  'network',
  'malformed_json',
  'schema_violation',
  'refused',
  'unexpected',
] as const;
export type LlmFailureReason = (typeof LLM_FAILURE_REASONS)[number];

/** Tokens one call spent, as the server reported them. */
export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface LlmSuccess<T> {
  ok: true;
  value: T;
  usage: TokenUsage;
  /** HTTP attempts made: 1, or 2 after a retried 429/5xx. */
  attempts: number;
}

export interface LlmFailure {
  ok: false;
  reason: LlmFailureReason;
  /** Human-readable cause for logs; never shown to customers. */
  detail: string;
  attempts: number;
}

export type LlmOutcome<T> = LlmSuccess<T> | LlmFailure;

/** Failures worth one more attempt: the server said "later", not "never". */
export function isRetryable(reason: LlmFailureReason): boolean {
  return reason === 'rate_limited' || reason === 'server_error';
}
