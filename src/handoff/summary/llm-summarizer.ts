import { z } from 'zod';
import type { Language } from '../../domain/taxonomy.js';
import { fitsLanguage, unsupportedFacts } from '../../llm/grounding.js';
import type { LlmClient } from '../../llm/llm-client.js';
import { type LlmLogger, silentLogger } from '../../llm/logger.js';
import { PromptLoader, type PromptTemplate } from '../../llm/prompt-loader.js';
import { buildSummary, type SummaryInput } from './build-summary.js';
import { STEPS } from './summary-text.js';
import { HandoffSummary } from './summary.schema.js';

/** Builds the handoff summary an agent reads. */
export interface Summarizer {
  summarize(input: SummaryInput): Promise<HandoffSummary>;
}

/** The offline, deterministic summary (`buildSummary`). */
export const offlineSummarizer: Summarizer = {
  summarize: (input) => Promise.resolve(buildSummary(input)),
};

/** What the model writes: the summary's free-text fields. */
export const WireNarrative = z.object({
  suggestedFirstReply: z.string(),
  nextSteps: z.array(z.string()),
});

/** The bounds a narrative must keep before it replaces the offline one. */
const Narrative = z.object({
  suggestedFirstReply: z.string().trim().min(1).max(500),
  nextSteps: z.array(z.string().trim().min(1).max(200)).min(1).max(8),
});

export interface LlmSummarizerOptions {
  loader?: PromptLoader;
  logger?: LlmLogger;
  /** Budget of one summary, within the client's OPENAI_TIMEOUT_MS (default 5000): the handoff waits. */
  timeoutMs?: number;
}

type Prompts = Readonly<Record<Language, PromptTemplate>>;

/** The latest messages sent along: enough for the story, bounded in tokens. */
export const MAX_TRANSCRIPT_MESSAGES = 40;

/** Reads `prompts/summary/narrative.{zh,en}.md` at start-up; they take no variables. */
export async function loadSummaryPrompts(loader: PromptLoader): Promise<Prompts> {
  const [zh, en] = await Promise.all([
    loader.load('summary/narrative.zh.md'),
    loader.load('summary/narrative.en.md'),
  ]);
  return { zh, en };
}

/**
 * Lets the LLM write the summary's narrative fields (the suggested first reply and the next steps)
 * from the transcript, over the offline summary. They are used only when they fit the schema, are in
 * the case's language and every fact in them (numbers, dates, amounts, ids, phones, staff names)
 * appears in the transcript, the collected elements or the offline summary; otherwise the offline
 * summary is returned unchanged. Safety and escalation steps are always kept first.
 */
export class LlmSummarizer implements Summarizer {
  private readonly logger: LlmLogger;
  private readonly timeoutMs: number;

  constructor(
    private readonly llm: LlmClient,
    private readonly prompts: Prompts,
    options: Omit<LlmSummarizerOptions, 'loader'> = {},
  ) {
    this.logger = options.logger ?? silentLogger;
    this.timeoutMs = options.timeoutMs ?? 5_000;
  }

  async summarize(input: SummaryInput): Promise<HandoffSummary> {
    const offline = buildSummary(input);
    const outcome = await this.llm.structured({
      name: 'handoff_narrative',
      schema: WireNarrative,
      timeoutMs: this.timeoutMs,
      messages: [
        { role: 'system', content: this.prompts[offline.lang].render({}) },
        { role: 'user', content: JSON.stringify(requestData(offline)) },
      ],
    });
    if (!outcome.ok) return offline;
    const narrative = Narrative.safeParse(outcome.value);
    const rejection = narrative.success ? rejectionOf(narrative.data, offline) : 'schema';
    if (!narrative.success || rejection !== undefined) {
      this.logger.warn({ rejection, ticketId: offline.ticketId }, 'LLM summary narrative rejected');
      return offline;
    }
    const mandatory = mandatorySteps(offline);
    return HandoffSummary.parse({
      ...offline,
      suggestedFirstReply: narrative.data.suggestedFirstReply,
      nextSteps: [
        ...mandatory,
        ...narrative.data.nextSteps.filter((step) => !mandatory.includes(step)),
      ],
    });
  }
}

/** What the model sees: the structured case and the latest messages, all as JSON data. */
function requestData(offline: HandoffSummary): object {
  return {
    ticketId: offline.ticketId,
    category: offline.category,
    severity: offline.severity,
    flags: offline.flags,
    emotion: { current: offline.emotion.current.emotion, trend: offline.emotion.trend },
    elements: Object.fromEntries(
      Object.entries(offline.elements).map(([slot, v]) => [slot, { value: v.value, raw: v.raw }]),
    ),
    missing: offline.missing,
    demand: offline.demand ?? null,
    handoffRule: offline.handoffRule,
    checklist: offline.nextSteps,
    transcript: offline.transcript
      .slice(-MAX_TRANSCRIPT_MESSAGES)
      .map((m) => ({ from: m.from, text: m.text })),
  };
}

/** Steps an LLM may never drop: keeping the customer safe and reporting a sensitive case. */
function mandatorySteps(offline: HandoffSummary): string[] {
  const steps = STEPS[offline.lang];
  return offline.nextSteps.filter((s) => s === steps.safety || s === steps.escalate);
}

/** Where a narrative's facts may come from: what was said, what was collected, what the system wrote. */
function factSources(offline: HandoffSummary): string[] {
  return [
    offline.ticketId,
    ...offline.transcript.map((m) => m.text),
    ...Object.values(offline.elements).flatMap((v) => [v.value, v.raw]),
    ...offline.nextSteps,
    offline.suggestedFirstReply,
  ];
}

function rejectionOf(
  narrative: z.output<typeof Narrative>,
  offline: HandoffSummary,
): string | undefined {
  const sources = factSources(offline);
  const texts = [narrative.suggestedFirstReply, ...narrative.nextSteps];
  if (!texts.every((t) => fitsLanguage(t, offline.lang, sources))) return 'language';
  const added = texts.flatMap((t) => unsupportedFacts(t, sources));
  return added.length > 0 ? `added_fact:${added.map((f) => f.kind).join(',')}` : undefined;
}

/** The offline summarizer when no LLM is configured, else the LLM one over it (prompts read now). */
export async function createSummarizer(
  llm: LlmClient | undefined,
  options: LlmSummarizerOptions = {},
): Promise<Summarizer> {
  if (!llm) return offlineSummarizer;
  const prompts = await loadSummaryPrompts(options.loader ?? new PromptLoader());
  return new LlmSummarizer(llm, prompts, options);
}
