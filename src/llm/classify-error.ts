import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import type { LlmFailureReason } from './outcome.js';

export interface ClassifiedError {
  reason: LlmFailureReason;
  detail: string;
  /** Server's Retry-After hint, when it sent one. */
  retryAfterMs?: number;
}

/** Maps whatever the SDK threw to a failure reason; `aborted` is our own deadline signal. */
export function classifyError(error: unknown, aborted: boolean): ClassifiedError {
  if (aborted || error instanceof APIConnectionTimeoutError) {
    return { reason: 'timeout', detail: 'deadline reached' };
  }
  if (error instanceof APIConnectionError) {
    return { reason: 'network', detail: error.message };
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const detail = `HTTP ${error.status}: ${error.message}`;
    if (error.status === 429) {
      const retryAfterMs = retryAfter(error.headers instanceof Headers ? error.headers : undefined);
      return retryAfterMs === undefined
        ? { reason: 'rate_limited', detail }
        : { reason: 'rate_limited', detail, retryAfterMs };
    }
    if (error.status >= 500) return { reason: 'server_error', detail };
    return { reason: 'http_error', detail };
  }
  return { reason: 'unexpected', detail: error instanceof Error ? error.message : String(error) };
}

function retryAfter(headers: Headers | undefined): number | undefined {
  const ms = Number(headers?.get('retry-after-ms') ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const seconds = Number(headers?.get('retry-after') ?? Number.NaN);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  return undefined;
}
