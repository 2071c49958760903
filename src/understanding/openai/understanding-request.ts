import type { Language } from '../../domain/taxonomy.js';
import type { ChatMessage } from '../../llm/llm-client.js';
import type { PromptTemplate } from '../../llm/prompt-loader.js';
import type { AnalysisContext } from '../understanding.port.js';
import { localTime } from './local-time.js';

/** Earlier turns sent along: enough to resolve "是前天" without paying for the whole transcript. */
export const MAX_HISTORY_TURNS = 8;

/** The `{{var}}`s a system prompt may use. */
export const SYSTEM_PROMPT_VARIABLES: readonly string[] = ['now', 'weekday', 'timeZone'];

const HAN = /\p{Script=Han}/u;

/** The system prompt's language: the conversation's, else zh when the text has any Han character. */
export function promptLanguage(text: string, context: AnalysisContext): Language {
  return context.lang ?? (HAN.test(text) ? 'zh' : 'en');
}

/**
 * Builds the one request of a turn: trusted instructions in the system message, and everything the
 * customer wrote as string fields of a JSON document in the user message, so it can only be data.
 */
export function buildUnderstandingMessages(
  text: string,
  context: AnalysisContext,
  system: PromptTemplate,
  lang: Language,
): ChatMessage[] {
  const time = localTime(context.now, context.timeZone, lang);
  const data = {
    products: context.products ?? [],
    knownSlots: context.knownSlots,
    pending: context.pending ?? [],
    stage: context.stage ?? 'idle',
    history: context.history
      .slice(-MAX_HISTORY_TURNS)
      .map((turn) => ({ from: turn.from, text: turn.text })),
    message: text,
  };
  return [
    {
      role: 'system',
      content: system.render({ now: time.iso, weekday: time.weekday, timeZone: time.timeZone }),
    },
    { role: 'user', content: JSON.stringify(data) },
  ];
}
