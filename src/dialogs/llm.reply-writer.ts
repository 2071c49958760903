import type { Language } from '../domain/taxonomy.js';
import type { ScriptKey } from '../flows/script-book.js';
import { fitsLanguage, uncoveredViolations, unsupportedFacts } from '../llm/grounding.js';
import type { LlmClient } from '../llm/llm-client.js';
import { type LlmLogger, silentLogger } from '../llm/logger.js';
import { PromptLoader, type PromptTemplate } from '../llm/prompt-loader.js';
import type { ReplyPolicy } from '../llm/reply-policy.js';
import type { Choices, ReplyRequest, ReplyWriter } from './reply-writer.js';

/**
 * Short functional prompts whose exact wording matters (a restatement the customer confirms word for
 * word, an id format) or where a call would only add latency; they stay scripted by default.
 */
export const SCRIPTED_ONLY_KEYS: readonly ScriptKey[] = [
  'restate',
  'status_ask_id',
  'ack_noted',
  'ack_unknown',
  'faq_check',
  'more_help',
  'anything_else',
];

export interface LlmReplyWriterOptions {
  loader?: PromptLoader;
  logger?: LlmLogger;
  /** Keys left to the scripted writer (default `SCRIPTED_ONLY_KEYS`). */
  scriptedOnly?: readonly ScriptKey[];
  /** Budget of one reply, within the client's OPENAI_TIMEOUT_MS (default 3000): the customer is waiting. */
  timeoutMs?: number;
}

type Prompts = Readonly<Record<Language, PromptTemplate>>;

/** Why a generated reply was not sent; logged, never shown. */
type Rejection =
  'length' | 'language' | 'format' | 'added_fact' | 'dropped_fact' | 'promise' | 'tone';

/** Longest generated reply: room to acknowledge a feeling, never an essay. */
const MAX_CHARS = 400;
const MIN_ROOM = 60;
const APOLOGY = /对不起|抱歉|道歉|sorry|apologi[sz]e/gi;
const MAX_APOLOGIES = 2;
/** Blame and buck-passing (DESIGN §1: 不争辩、不指责、不推诿). */
const BLAME =
  /不是我们的(?:责任|问题|错)|与我们无关|跟我们没关系|不归我们管|您自己的(?:问题|原因|责任)|是您(?:自己)?(?:的错|操作不当)|找别的部门|your (?:own )?fault|not our (?:fault|problem|responsibility|department)|nothing (?:I|we) can do|you should have/i;
/** Template braces, Markdown, role prefixes or a placeholder the masker did not restore. */
const MALFORMED =
  /[{}]|```|^#|^\s*(?:回复|答复|reply|assistant)\s*[:：]|\[(?:PHONE|ID|CARD|EMAIL)_\d+\]/im;

/** The time limits a request's vars grant (`ticket_filed` and `handoff_unavailable` carry the flow policy). */
export function grantedPolicy(vars: ReplyRequest['vars'] = {}): ReplyPolicy {
  const hours = (name: string, factor: number): number[] => {
    const value = Number(vars[name]);
    return Number.isFinite(value) && value > 0 ? [value * factor] : [];
  };
  return {
    deadlineHours: [
      ...hours('firstResponseHours', 1),
      ...hours('answerHours', 1),
      ...hours('closeDays', 24),
    ],
  };
}

/** Reads `prompts/replies/style.{zh,en}.md` at start-up; they take no variables. */
export async function loadStylePrompts(loader: PromptLoader): Promise<Prompts> {
  const [zh, en] = await Promise.all([
    loader.load('replies/style.zh.md'),
    loader.load('replies/style.en.md'),
  ]);
  return { zh, en };
}

/**
 * Lets the LLM word a scripted reply for the customer in front of it, under the house style
 * (DESIGN §1): the scripted text is the content to convey and the fallback. A generated reply is
 * sent only when it keeps every fact of the scripted one, adds none, promises nothing beyond the
 * flow's policy, and is the right language, length and tone; otherwise the scripted text is.
 */
export class LlmReplyWriter implements ReplyWriter {
  private readonly logger: LlmLogger;
  private readonly scriptedOnly: ReadonlySet<ScriptKey>;
  private readonly timeoutMs: number;

  constructor(
    private readonly llm: LlmClient,
    private readonly scripted: ReplyWriter,
    private readonly prompts: Prompts,
    options: Omit<LlmReplyWriterOptions, 'loader'> = {},
  ) {
    this.logger = options.logger ?? silentLogger;
    this.scriptedOnly = new Set(options.scriptedOnly ?? SCRIPTED_ONLY_KEYS);
    this.timeoutMs = options.timeoutMs ?? 3_000;
  }

  choices(lang: Language): Choices {
    return this.scripted.choices(lang);
  }

  async write(request: ReplyRequest): Promise<string> {
    const scripted = await this.scripted.write(request);
    if (this.scriptedOnly.has(request.key)) return scripted;
    const outcome = await this.llm.text({
      timeoutMs: this.timeoutMs,
      messages: [
        { role: 'system', content: this.prompts[request.lang].render({}) },
        {
          role: 'user',
          content: JSON.stringify({
            situation: request.key,
            scripted,
            customerMessage: request.customerText ?? '',
          }),
        },
      ],
    });
    if (!outcome.ok) return scripted;
    const generated = outcome.value.trim();
    const rejection = rejectionOf(generated, scripted, request);
    if (rejection === undefined) return generated;
    this.logger.warn({ rejection, key: request.key }, 'generated reply rejected');
    return scripted;
  }
}

function rejectionOf(text: string, scripted: string, request: ReplyRequest): Rejection | undefined {
  const room = Math.min(MAX_CHARS, Math.max(MIN_ROOM, scripted.length * 2.5));
  if (text.length < 2 || text.length > room) return 'length';
  if (MALFORMED.test(text)) return 'format';
  if (!fitsLanguage(text, request.lang, [scripted])) return 'language';
  if (unsupportedFacts(text, [scripted]).length > 0) return 'added_fact';
  if (unsupportedFacts(scripted, [text]).length > 0) return 'dropped_fact';
  if (uncoveredViolations(text, grantedPolicy(request.vars), [scripted]).length > 0)
    return 'promise';
  const apologies = text.match(APOLOGY)?.length ?? 0;
  return BLAME.test(text) || apologies > MAX_APOLOGIES ? 'tone' : undefined;
}

/** The scripted writer when no LLM is configured, else the LLM writer over it (prompts read now). */
export async function createReplyWriter(
  llm: LlmClient | undefined,
  scripted: ReplyWriter,
  options: LlmReplyWriterOptions = {},
): Promise<ReplyWriter> {
  if (!llm) return scripted;
  const prompts = await loadStylePrompts(options.loader ?? new PromptLoader());
  return new LlmReplyWriter(llm, scripted, prompts, options);
}
