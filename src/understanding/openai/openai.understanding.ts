import type { Analysis } from '../../domain/analysis.js';
import type { Language } from '../../domain/taxonomy.js';
import type { LlmClient } from '../../llm/llm-client.js';
import type { LlmOutcome } from '../../llm/outcome.js';
import { PromptError, type PromptLoader, type PromptTemplate } from '../../llm/prompt-loader.js';
import type { FallibleUnderstanding } from '../fallback.understanding.js';
import type { AnalysisContext } from '../understanding.port.js';
import {
  buildUnderstandingMessages,
  promptLanguage,
  SYSTEM_PROMPT_VARIABLES,
} from './understanding-request.js';
import { toAnalysis, WireAnalysis } from './wire-analysis.schema.js';

export type UnderstandingPrompts = Readonly<Record<Language, PromptTemplate>>;

/**
 * Reads the system prompts once, at start-up, so a missing file or an edit that uses a variable the
 * backend does not fill fails there and not on a turn.
 */
export async function loadUnderstandingPrompts(
  loader: PromptLoader,
): Promise<UnderstandingPrompts> {
  const [zh, en] = await Promise.all([
    loader.load('understanding/system.zh.md'),
    loader.load('understanding/system.en.md'),
  ]);
  for (const template of [zh, en]) {
    const unknown = template.variables.filter((v) => !SYSTEM_PROMPT_VARIABLES.includes(v));
    if (unknown.length > 0) {
      throw new PromptError(
        `${template.name} uses ${unknown.join(', ')}; only ${SYSTEM_PROMPT_VARIABLES.join(', ')} are filled`,
      );
    }
  }
  return { zh, en };
}

/** One structured LLM call per customer turn returning the whole Analysis; failures come back as values. */
export class OpenAIUnderstanding implements FallibleUnderstanding {
  constructor(
    private readonly llm: LlmClient,
    private readonly prompts: UnderstandingPrompts,
  ) {}

  async tryAnalyze(text: string, context: AnalysisContext): Promise<LlmOutcome<Analysis>> {
    const lang = promptLanguage(text, context);
    const outcome = await this.llm.structured({
      name: 'analysis',
      schema: WireAnalysis,
      messages: buildUnderstandingMessages(text, context, this.prompts[lang], lang),
    });
    if (!outcome.ok) return outcome;
    const analysis = toAnalysis(outcome.value);
    if (!analysis.success) {
      return {
        ok: false,
        reason: 'schema_violation',
        detail: analysis.error.issues[0]?.message ?? 'not an Analysis',
        attempts: outcome.attempts,
      };
    }
    return { ...outcome, value: analysis.data };
  }
}
