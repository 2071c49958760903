import { Gauge, type Registry } from 'prom-client';
import { LLM_FAILURE_REASONS } from './outcome.js';
import type { LlmClient } from './llm-client.js';

const BREAKER_STATES = ['closed', 'open', 'half_open'] as const;

/**
 * Exposes the client's running totals on a Prometheus registry, read at scrape time, so the LLM
 * layer keeps no metrics state of its own beyond its UsageMeter.
 */
export function registerLlmMetrics(
  registry: Registry,
  llm: Pick<LlmClient, 'usage' | 'breakerState'>,
): void {
  new Gauge({
    name: 'qingting_llm_tokens',
    help: 'Tokens billed by the LLM server since start, by kind',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      const usage = llm.usage();
      this.set({ kind: 'prompt' }, usage.promptTokens);
      this.set({ kind: 'completion' }, usage.completionTokens);
    },
  });
  new Gauge({
    name: 'qingting_llm_calls',
    help: 'LLM calls since start, by outcome (ok or the failure reason)',
    labelNames: ['outcome'],
    registers: [registry],
    collect() {
      const usage = llm.usage();
      this.set({ outcome: 'ok' }, usage.succeeded);
      for (const reason of LLM_FAILURE_REASONS) {
        this.set({ outcome: reason }, usage.failures[reason] ?? 0);
      }
    },
  });
  new Gauge({
    name: 'qingting_llm_breaker_state',
    help: '1 for the circuit breaker state the LLM client is in, 0 for the others',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      for (const state of BREAKER_STATES) this.set({ state }, llm.breakerState === state ? 1 : 0);
    },
  });
}
