import type { Analysis, SlotValues } from '../domain/analysis.js';
import type { Emotion, Language, SlotName } from '../domain/taxonomy.js';

/** The conversation so far, so that "是前天" or "no, the 14th" can be resolved. */
export interface AnalysisContext {
  /** Earlier turns, oldest first. */
  history: ReadonlyArray<{ from: 'customer' | 'bot' | 'agent' | 'system'; text: string }>;
  /** Slots already collected in this conversation. */
  knownSlots: SlotValues;
  /** When the message was sent; relative dates resolve against it. */
  now: Date;
  /** IANA time zone for resolving dates (default Asia/Shanghai). */
  timeZone?: string;
  /** Product vocabulary of the active flow. */
  products?: readonly string[];
  /** Language the conversation has been in, if known. */
  lang?: Language;
  /** The element(s) the bot has just asked for, so an answer can be read as one (and checked against its type). */
  pending?: readonly SlotName[];
  /** Where the dialog stands, so "对" at a restatement and "对" to a question read differently. */
  stage?: 'idle' | 'collecting' | 'confirming' | 'filed' | 'queued' | 'assigned' | 'survey';
  /** Emotion of earlier customer turns, oldest first, for smoothing. */
  emotionHistory?: ReadonlyArray<{ emotion: Emotion; intensity: number }>;
}

/** The understanding port (DESIGN §5): one call per customer turn. Implementations never throw for bad text. */
export interface Understanding {
  analyze(text: string, context: AnalysisContext): Promise<Analysis>;
}
