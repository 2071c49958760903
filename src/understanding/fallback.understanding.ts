import type { Analysis } from '../domain/analysis.js';
import { type LlmLogger, silentLogger } from '../llm/logger.js';
import type { LlmOutcome } from '../llm/outcome.js';
import type { AnalysisContext, Understanding } from './understanding.port.js';

/** An understanding backend that may fail (an LLM): it says why instead of throwing. */
export interface FallibleUnderstanding {
  tryAnalyze(text: string, context: AnalysisContext): Promise<LlmOutcome<Analysis>>;
}

/** Primary (LLM) first; on any failure — timeout, bad output, 429/5xx after the retry, breaker open — the offline result for that turn. */
export class FallbackUnderstanding implements Understanding {
  constructor(
    private readonly primary: FallibleUnderstanding,
    private readonly offline: Understanding,
    private readonly logger: LlmLogger = silentLogger,
  ) {}

  async analyze(text: string, context: AnalysisContext): Promise<Analysis> {
    const outcome = await this.tryPrimary(text, context);
    if (outcome.ok) return outcome.value;
    this.logger.debug(
      { reason: outcome.reason, attempts: outcome.attempts },
      'understanding fell back to offline',
    );
    return this.offline.analyze(text, context);
  }

  /** The primary reports failures as values; a throw is a bug, and still must not cost the turn. */
  private async tryPrimary(text: string, context: AnalysisContext): Promise<LlmOutcome<Analysis>> {
    try {
      return await this.primary.tryAnalyze(text, context);
    } catch (error) {
      this.logger.warn({ err: error }, 'understanding backend threw');
      return { ok: false, reason: 'unexpected', detail: String(error), attempts: 0 };
    }
  }
}
