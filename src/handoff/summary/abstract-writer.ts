import { unsupportedFacts, fitsLanguage } from '../../llm/grounding.js';
import type { LlmClient } from '../../llm/llm-client.js';
import type { PromptLoader } from '../../llm/prompt-loader.js';
import type { HandoffSummary } from './summary.schema.js';

const MAX_CHARS = 600;
/** The agent is already reading the structured summary; the prose must not hold the handoff up. */
const TIMEOUT_MS = 4000;

/** Writes the optional abstractive summary; undefined means "keep the offline summary alone". */
export interface AbstractWriter {
  write(summary: HandoffSummary): Promise<string | undefined>;
}

/**
 * The LLM's prose summary of the transcript, accepted only when every fact in it (numbers, dates,
 * amounts, ids) is in the transcript and it is in the conversation's language; otherwise dropped.
 */
export class LlmAbstractWriter implements AbstractWriter {
  constructor(
    private readonly llm: LlmClient,
    private readonly prompts: PromptLoader,
  ) {}

  async write(summary: HandoffSummary): Promise<string | undefined> {
    const system = await this.prompts.load(`summary/abstract.${summary.lang}.md`);
    const sources = summary.transcript.map((m) => m.text);
    const outcome = await this.llm.text({
      messages: [
        { role: 'system', content: system.render({}) },
        { role: 'user', content: summary.transcript.map((m) => `${m.from}: ${m.text}`).join('\n') },
      ],
      maxTokens: 400,
      timeoutMs: TIMEOUT_MS,
    });
    if (!outcome.ok) return undefined;
    const text = outcome.value.trim();
    if (text.length > MAX_CHARS || !fitsLanguage(text, summary.lang, sources)) return undefined;
    return unsupportedFacts(text, sources).length === 0 ? text : undefined;
  }
}
