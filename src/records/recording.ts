import type { Analysis } from '../domain/analysis.js';
import { PiiMasker } from '../llm/pii-masker.js';
import type { AnalysisContext, Understanding } from '../understanding/understanding.port.js';
import type { AnalyticsRecorder } from './create-records.js';

/**
 * The understanding port with every customer turn's reading recorded for the analytics (emotion,
 * intensity, intent, category, the dialog stage and the turn's place in the conversation). The
 * recording is write-behind, so the turn never waits for it.
 */
export function recordingUnderstanding(
  understanding: Understanding,
  analytics: AnalyticsRecorder,
): Understanding {
  return {
    async analyze(text: string, context: AnalysisContext): Promise<Analysis> {
      const analysis = await understanding.analyze(text, context);
      analytics.record({
        at: context.now.toISOString(),
        kind: 'turn',
        category: analysis.category,
        emotion: analysis.emotion,
        intensity: analysis.intensity,
        label: analysis.intent,
        detail: {
          turn: context.history.filter((line) => line.from === 'customer').length + 1,
          ...(context.stage === undefined ? {} : { stage: context.stage }),
        },
      });
      return analysis;
    },
  };
}

interface FaqLike<
  R extends { results: readonly { id: string; score: number }[]; abstained: boolean },
  O,
> {
  search(query: string, options?: O): R | Promise<R>;
}

/**
 * The FAQ search with each outcome recorded: the entry answered, or the question nobody could
 * answer (phone, id and card numbers masked) so the knowledge base can grow where it is missed.
 */
export function recordingFaq<
  R extends { results: readonly { id: string; score: number }[]; abstained: boolean },
  O,
>(
  faq: FaqLike<R, O>,
  analytics: AnalyticsRecorder,
): { search(query: string, options?: O): Promise<R> } {
  return {
    async search(query, options) {
      const found = await faq.search(query, options);
      const top = found.results[0];
      const at = new Date().toISOString();
      if (found.abstained || top === undefined)
        analytics.record({
          at,
          kind: 'faq_missed',
          label: new PiiMasker().mask(query).slice(0, 500),
        });
      else analytics.record({ at, kind: 'faq_answered', label: top.id, value: top.score });
      return found;
    },
  };
}
