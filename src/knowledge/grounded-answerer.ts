import { z } from 'zod';
import type { Language } from '../domain/taxonomy.js';
import { fitsLanguage, uncoveredViolations, unsupportedFacts } from '../llm/grounding.js';
import type { LlmClient } from '../llm/llm-client.js';
import { type LlmLogger, silentLogger } from '../llm/logger.js';
import { PromptLoader, type PromptTemplate } from '../llm/prompt-loader.js';
import { entryLang } from './knowledge-entry.js';
import type {
  KnowledgeBase,
  KnowledgeHit,
  KnowledgeSearch,
  SearchOptions,
} from './knowledge.port.js';

/** What the model returns: the reply and the entries it rests on. */
export const GroundedWire = z.object({
  answer: z.string(),
  citedIds: z.array(z.string()),
});

export interface FaqAnswer {
  text: string;
  /** Entries the text rests on: the cited ones, or the top entry when its own answer is used. */
  citedIds: string[];
  /** `llm` when the generated answer passed every check, `entry` when the top entry's answer is used. */
  source: 'llm' | 'entry';
}

/** Turns retrieved entries into the answer the customer sees. */
export interface FaqAnswerer {
  /** `hits` best first and non-empty (an abstained search has nothing to answer with). */
  answer(query: string, hits: readonly KnowledgeHit[]): Promise<FaqAnswer>;
}

export interface GroundedAnswererOptions {
  loader?: PromptLoader;
  logger?: LlmLogger;
  /** Entries shown to the model (default 3). */
  maxPassages?: number;
  /** Longest answer accepted, in characters (default 600). */
  maxChars?: number;
  /** Budget of one answer, within the client's OPENAI_TIMEOUT_MS (default 4000): the customer is waiting. */
  timeoutMs?: number;
}

type Prompts = Readonly<Record<Language, PromptTemplate>>;

/** Why a generated answer was not used; logged, never shown. */
type Rejection =
  'empty' | 'too_long' | 'no_citation' | 'unknown_id' | 'added_fact' | 'promise' | 'language';

function topOf(hits: readonly KnowledgeHit[]): KnowledgeHit {
  const top = hits[0];
  if (top === undefined) throw new Error('an FAQ answer needs at least one retrieved entry');
  return top;
}

/** The offline answer: the best entry's own text, which an admin wrote and stands behind. */
export const entryAnswerer: FaqAnswerer = {
  answer: (_query, hits) => {
    const top = topOf(hits);
    return Promise.resolve({ text: top.entry.answer, citedIds: [top.id], source: 'entry' });
  },
};

/** Reads `prompts/faq/grounded.{zh,en}.md` at start-up; they take no variables. */
export async function loadGroundedPrompts(loader: PromptLoader): Promise<Prompts> {
  const [zh, en] = await Promise.all([
    loader.load('faq/grounded.zh.md'),
    loader.load('faq/grounded.en.md'),
  ]);
  return { zh, en };
}

/**
 * Rephrases the retrieved entries into one answer to the customer's exact question, grounded only in
 * them: every fact must come from a cited passage, every cited id must be one we gave, and no promise
 * may go beyond what the passage itself says; anything else, or any LLM failure, gives the entry's answer.
 */
export class GroundedAnswerer implements FaqAnswerer {
  private readonly logger: LlmLogger;
  private readonly maxPassages: number;
  private readonly maxChars: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly llm: LlmClient,
    private readonly prompts: Prompts,
    options: Omit<GroundedAnswererOptions, 'loader'> = {},
  ) {
    this.logger = options.logger ?? silentLogger;
    this.maxPassages = options.maxPassages ?? 3;
    this.maxChars = options.maxChars ?? 600;
    this.timeoutMs = options.timeoutMs ?? 4_000;
  }

  async answer(query: string, hits: readonly KnowledgeHit[]): Promise<FaqAnswer> {
    const top = topOf(hits);
    const passages = hits.slice(0, this.maxPassages);
    const lang = entryLang(top.entry);
    const outcome = await this.llm.structured({
      name: 'grounded_answer',
      schema: GroundedWire,
      timeoutMs: this.timeoutMs,
      messages: [
        { role: 'system', content: this.prompts[lang].render({}) },
        {
          role: 'user',
          content: JSON.stringify({
            question: query,
            passages: passages.map((h) => ({
              id: h.id,
              questions: h.entry.questions.slice(0, 3),
              answer: h.entry.answer,
            })),
          }),
        },
      ],
    });
    if (outcome.ok) {
      const rejection = this.check(outcome.value, passages, lang);
      if (rejection === undefined) {
        return {
          text: outcome.value.answer.trim(),
          citedIds: outcome.value.citedIds,
          source: 'llm',
        };
      }
      this.logger.warn({ rejection, entry: top.id }, 'grounded FAQ answer rejected');
    }
    return entryAnswerer.answer(query, hits);
  }

  private check(
    wire: z.output<typeof GroundedWire>,
    passages: readonly KnowledgeHit[],
    lang: Language,
  ): Rejection | undefined {
    const text = wire.answer.trim();
    if (text === '') return 'empty';
    if (text.length > this.maxChars) return 'too_long';
    if (wire.citedIds.length === 0) return 'no_citation';
    const cited = wire.citedIds.map((id) => passages.find((h) => h.id === id));
    if (cited.some((h) => h === undefined)) return 'unknown_id';
    const sources = cited.flatMap((h) => (h ? [h.entry.answer, ...h.entry.questions] : []));
    if (unsupportedFacts(text, sources).length > 0) return 'added_fact';
    if (uncoveredViolations(text, {}, sources).length > 0) return 'promise';
    return fitsLanguage(text, lang, sources) ? undefined : 'language';
  }
}

/** The entry answerer when no LLM is configured, else the grounded one (prompts read now, not on a turn). */
export async function createFaqAnswerer(
  llm: LlmClient | undefined,
  options: GroundedAnswererOptions = {},
): Promise<FaqAnswerer> {
  if (!llm) return entryAnswerer;
  const prompts = await loadGroundedPrompts(options.loader ?? new PromptLoader());
  return new GroundedAnswerer(llm, prompts, options);
}

/**
 * The knowledge base as the dialogs search it, with the top hit's answer replaced by the answerer's:
 * wiring the grounded answers needs no change in the dialogs (`faq: withAnswers(kb, answerer)`).
 */
export function withAnswers(
  kb: Pick<KnowledgeBase, 'search'>,
  answerer: FaqAnswerer,
): { search(query: string, options?: SearchOptions): Promise<KnowledgeSearch> } {
  return {
    async search(query, options) {
      const found = kb.search(query, options);
      const [top, ...rest] = found.results;
      if (found.abstained || top === undefined) return found;
      const answer = await answerer.answer(query, found.results);
      return {
        ...found,
        results: [{ ...top, entry: { ...top.entry, answer: answer.text } }, ...rest],
      };
    },
  };
}
