import { z } from 'zod';
import { AmountReading, SlotValues } from '../domain/analysis.js';
import { EmotionPoint } from '../domain/ticket.js';
import {
  Category,
  Language,
  Nature,
  RiskFlag,
  SlotName,
  UrgencyCause,
} from '../domain/taxonomy.js';

/** Turns of history kept for the understanding context (and the LLM later). */
export const HISTORY_TURNS = 12;
/** Emotion points kept per conversation (the ticket's trajectory), so state stays small. */
export const EMOTION_POINTS = 50;

/** The complaint being collected; reset once it is filed, withdrawn or handed off. */
export const ComplaintMemory = z.object({
  category: Category.optional(),
  nature: Nature.optional(),
  flags: z.array(RiskFlag),
  slots: SlotValues,
  unknown: z.array(SlotName),
  /** Every slot asked for in this complaint: none is ever asked again. */
  asked: z.array(SlotName),
  /** Slots asked in the bot's last turn, which "不清楚" refers to. */
  pending: z.array(SlotName),
  /** Collection turns in a row that added nothing. */
  stalled: z.number().int().min(0),
  /** The emotion level already acknowledged, so calming is not repeated every turn. */
  empathized: z.enum(['none', 'normal', 'high']),
  /** Every amount the customer named, with its role, for the restatement. */
  amounts: z.array(AmountReading).default([]),
  /** Turns anger alone has been held back from a handoff while the essentials are collected. */
  angerTurns: z.number().int().min(0).default(0),
  /** Slots asked a second time after an answer that named none of their values (each only once). */
  reasked: z.array(SlotName).default([]),
  /** A goodbye already got "还差一句确认就能登记了": the next one is let go. */
  heldAtGoodbye: z.boolean().default(false),
});
export type ComplaintMemory = z.infer<typeof ComplaintMemory>;

/** Everything the intake remembers about a conversation, kept in the root dialog's state. */
export const IntakeMemory = z.object({
  lang: Language,
  turn: z.number().int().min(0),
  complaint: ComplaintMemory,
  emotions: z.array(EmotionPoint),
  history: z.array(z.object({ from: z.enum(['customer', 'bot']), text: z.string() })),
  faqFailures: z.number().int().min(0),
  /** The customer's question the FAQ last answered. */
  faqQuery: z.string().optional(),
  /** The latest ticket of this conversation. */
  ticketId: z.string().optional(),
  /** Wordings already said, so no boilerplate is said twice in a conversation. */
  said: z.array(z.string()).default([]),
  /** The conversation was handed to a person (queued, assigned or scheduled). */
  handedOff: z.boolean().default(false),
  /** The last thing the customer did was praise: a "please tell his manager" follows it. */
  praised: z.boolean().default(false),
  /** Urgent causes already given their first step (the case is urgent while any is listed). */
  urgentCauses: z.array(UrgencyCause).default([]),
  /** Tickets filed elsewhere that this conversation proved it owns (src/tickets/README.md). */
  verifiedTickets: z.array(z.string()).max(20).optional(),
});
export type IntakeMemory = z.infer<typeof IntakeMemory>;

export function freshComplaint(): ComplaintMemory {
  return {
    flags: [],
    slots: {},
    unknown: [],
    asked: [],
    pending: [],
    stalled: 0,
    empathized: 'none',
    amounts: [],
    angerTurns: 0,
    reasked: [],
    heldAtGoodbye: false,
  };
}

export function freshMemory(lang: Language): IntakeMemory {
  return {
    lang,
    turn: 0,
    complaint: freshComplaint(),
    emotions: [],
    history: [],
    faqFailures: 0,
    said: [],
    handedOff: false,
    urgentCauses: [],
    praised: false,
  };
}

/** Reads the memory back from dialog state; undefined when it is missing or unreadable. */
export function readMemory(raw: unknown): IntakeMemory | undefined {
  const parsed = IntakeMemory.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
