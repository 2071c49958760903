import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { Analysis } from '../domain/analysis.js';
import type { MessageMeta } from '../domain/message.js';
import type { Language, SlotName } from '../domain/taxonomy.js';
import type { Flow, FlowSet } from '../flows/flow.schema.js';
import type { ScriptKey } from '../flows/script-book.js';
import type { HandoffTrigger } from '../handoff/handoff-trigger.port.js';
import type { SenderFacts } from '../tickets/ticket-access.js';
import type { TicketGuard } from '../tickets/ticket-guard.js';
import type { TicketStore } from '../tickets/ticket-store.port.js';
import type { Understanding } from '../understanding/understanding.port.js';
import type { Absorbed } from './absorb-slots.js';
import { HISTORY_TURNS, type IntakeMemory } from './intake-memory.js';
import { reply } from './outgoing.js';
import { fullWidthPunctuation } from './punctuation.js';
import { joinBubbles, NO_PACING, typingPause, type Bubble, type Pacing } from './pacing.js';
import { pick, type Choices, type ReplyWriter } from './reply-writer.js';

/** Wordings tried to find one not yet said; scripts have two or three. */
const WORDING_ATTEMPTS = 4;
/** Wordings remembered per conversation. */
const SAID_KEPT = 40;

/** One FAQ hit as the dialogs need it (the knowledge base's `KnowledgeHit` fits). */
export interface FaqHit {
  id: string;
  score: number;
  entry: { answer: string };
}

/** The FAQ port the dialogs use; `KnowledgeBase` from src/knowledge satisfies it. */
export interface FaqSearch {
  search(
    query: string,
    options?: { lang?: Language },
  ): { results: FaqHit[]; abstained: boolean } | Promise<{ results: FaqHit[]; abstained: boolean }>;
}

/** What `createIntakeDialog` needs; `faq` and `handoff` are optional. */
export interface IntakeDeps {
  understanding: Understanding;
  tickets: TicketStore;
  /** The hot-reloaded flow configuration (`hotConfig(() => loadFlowSet(dir))`). */
  flows: { current(): FlowSet };
  scripts: ReplyWriter;
  faq?: FaqSearch;
  handoff?: HandoffTrigger;
  /** Who may read, supplement or withdraw which ticket (default: verify by phone, memory limits). */
  ticketGuard?: TicketGuard;
  /** Message time when the activity carries none; tests pin it. */
  clock?: () => Date;
  /** Zone for showing dates to customers (default Asia/Shanghai). */
  timeZone?: string;
}

/** Everything the intake dialogs share during one customer turn. */
export interface IntakeTurn {
  deps: IntakeDeps;
  memory: IntakeMemory;
  analysis: Analysis;
  text: string;
  now: Date;
  flows: FlowSet;
  conversationId: string;
  channel: string;
  /** What the channel established about the sender (address, verified identity): never their words. */
  sender?: SenderFacts;
  timeZone: string;
  say: Speaker;
  /** What this message added to the complaint, once the root absorbed it. */
  absorbed?: Absorbed;
  /** The questions pending when the message arrived (absorbing clears them). */
  pending: SlotName[];
}

/** The flow of the complaint under way (by its category so far). */
export function flowOf(turn: IntakeTurn): Flow {
  return turn.flows.flowFor(turn.memory.complaint.category ?? turn.analysis.category);
}

const TURN_KEY = Symbol('qingting.intakeTurn');

export function setIntakeTurn(context: TurnContext, turn: IntakeTurn): void {
  context.turnState.set(TURN_KEY, turn);
}

/** The shared turn, set by the root dialog before any child dialog runs. */
export function intakeTurn(context: TurnContext): IntakeTurn {
  const turn: unknown = context.turnState.get(TURN_KEY);
  if (!turn) throw new Error('intake child dialog ran outside the intake root dialog');
  return turn as IntakeTurn;
}

/** Sends bot messages with meta, varying wording by a per-turn seed and recording them in history. */
export class Speaker {
  private counter = 0;
  private readonly outbox: Bubble[] = [];

  constructor(
    private readonly context: TurnContext,
    private readonly writer: ReplyWriter,
    private readonly memory: IntakeMemory,
    private readonly seedBase: number,
    private readonly customerText: string,
  ) {}

  get lang(): Language {
    return this.memory.lang;
  }

  choices(): Choices {
    return this.writer.choices(this.memory.lang);
  }

  /**
   * One wording of a script, not one already said in this conversation when the script has
   * another (no boilerplate twice); the chosen wording is remembered.
   */
  async text(key: ScriptKey, vars?: Readonly<Record<string, string | number>>): Promise<string> {
    const said = new Set(this.memory.said);
    let text = '';
    for (let attempt = 0; attempt < WORDING_ATTEMPTS; attempt += 1) {
      text = await this.writer.write({
        key,
        lang: this.memory.lang,
        seed: this.nextSeed(),
        customerText: this.customerText,
        ...(vars ? { vars } : {}),
      });
      if (!said.has(text)) break;
    }
    this.memory.said = [...this.memory.said.filter((t) => t !== text), text].slice(-SAID_KEPT);
    return text;
  }

  question(flow: Flow, slot: SlotName): string {
    const wordings = flow.questions[slot]?.[this.memory.lang];
    if (!wordings) throw new Error(`flow ${flow.category} has no question for ${slot}`);
    return pick(wordings, this.nextSeed());
  }

  /** Joins message parts the way the language writes them. */
  join(...parts: string[]): string {
    return parts.filter((p) => p.length > 0).join(this.memory.lang === 'zh' ? '' : ' ');
  }

  /** Queues a bubble for this turn; `flush` sends the turn's bubbles, at most two. */
  send(said: string, meta: MessageMeta): Promise<void> {
    const text = this.memory.lang === 'zh' ? fullWidthPunctuation(said) : said;
    this.memory.history = [...this.memory.history, { from: 'bot' as const, text }].slice(
      -HISTORY_TURNS,
    );
    this.outbox.push({ text, meta });
    return Promise.resolve();
  }

  /**
   * Sends the turn's bubbles, joined into at most two (what was acknowledged, then what is asked),
   * each after a typing indicator and, when configured, a pause a person would need to type it.
   */
  async flush(pacing: Pacing = NO_PACING): Promise<void> {
    const bubbles = joinBubbles(this.outbox.splice(0), this.memory.lang);
    for (const bubble of bubbles) {
      await this.context.sendActivity({ type: ActivityTypes.Typing });
      const pause = typingPause(bubble.text, pacing);
      if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
      await this.context.sendActivity(reply(bubble.text, bubble.meta));
    }
  }

  async say(
    key: ScriptKey,
    meta: MessageMeta,
    vars?: Readonly<Record<string, string | number>>,
  ): Promise<void> {
    await this.send(await this.text(key, vars), meta);
  }

  private nextSeed(): number {
    this.counter += 1;
    return this.seedBase + this.memory.turn * 7 + this.counter;
  }
}
