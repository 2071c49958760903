import type { LlmFailureReason, TokenUsage } from './outcome.js';

export interface UsageSnapshot {
  calls: number;
  succeeded: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  failures: Partial<Record<LlmFailureReason, number>>;
}

/** Running totals of LLM calls and tokens, read by metrics exporters (prom-client gauges, logs). */
export class UsageMeter {
  private calls = 0;
  private succeeded = 0;
  private promptTokens = 0;
  private completionTokens = 0;
  private readonly failures = new Map<LlmFailureReason, number>();

  /** Tokens are counted whenever the server billed them, even if the answer was then rejected. */
  recordTokens(usage: TokenUsage): void {
    this.promptTokens += usage.promptTokens;
    this.completionTokens += usage.completionTokens;
  }

  recordOutcome(outcome: { ok: true } | { ok: false; reason: LlmFailureReason }): void {
    this.calls += 1;
    if (outcome.ok) this.succeeded += 1;
    else this.failures.set(outcome.reason, (this.failures.get(outcome.reason) ?? 0) + 1);
  }

  snapshot(): UsageSnapshot {
    return {
      calls: this.calls,
      succeeded: this.succeeded,
      promptTokens: this.promptTokens,
      completionTokens: this.completionTokens,
      totalTokens: this.promptTokens + this.completionTokens,
      failures: Object.fromEntries(this.failures),
    };
  }
}
