import { z } from 'zod';
import {
  AmountRole,
  Category,
  CustomerActKind,
  Emotion,
  EmpathyFamily,
  Intent,
  Language,
  Nature,
  RiskFlag,
  SlotName,
  SlotProblem,
  UrgencyCause,
} from './taxonomy.js';

/** A value the understanding layer found for one complaint element (DESIGN §3). */
export const SlotValue = z.object({
  /** Normalised value: an ISO date-time for `time`, "12.50 CNY" style for `amount`, digits for phones. */
  value: z.string(),
  /** The customer's own words it came from. */
  raw: z.string(),
  confidence: z.number().min(0).max(1),
});
export type SlotValue = z.infer<typeof SlotValue>;

export const SlotValues = z
  .object({
    event: SlotValue,
    product: SlotValue,
    account: SlotValue,
    time: SlotValue,
    place: SlotValue,
    people: SlotValue,
    amount: SlotValue,
    demand: SlotValue,
    contact_name: SlotValue,
    contact_phone: SlotValue,
    contact_time: SlotValue,
  })
  .partial();
export type SlotValues = z.infer<typeof SlotValues>;

/** The dialogue act of a message in its context (see CUSTOMER_ACTS). */
export const CustomerAct = z.object({
  kind: CustomerActKind,
  /** The element answered or corrected (`answer`, `answer_other`, `correction`), or asked about (`question_back`). */
  slot: SlotName.optional(),
  /** For a correction: the new value, normalised as in SlotValue. */
  value: z.string().optional(),
});
export type CustomerAct = z.infer<typeof CustomerAct>;

/** The empathy family with the reason it was chosen (for the dialog and the agent's summary). */
export const EmpathyReading = z.object({
  family: EmpathyFamily,
  /** Short, e.g. "fraud in progress", "third contact", "repeated charge": never the customer's words verbatim. */
  reason: z.string().max(80).optional(),
});
export type EmpathyReading = z.infer<typeof EmpathyReading>;

export const Urgency = z.object({
  urgent: z.boolean(),
  cause: UrgencyCause.optional(),
  /** The cue that triggered it, for the agent and for tuning. */
  cue: z.string().max(40).optional(),
});
export type Urgency = z.infer<typeof Urgency>;

/** One amount in the message with its role; `slots.amount` is the disputed one. */
export const AmountReading = z.object({
  value: z.string(), // "67.80 CNY" style, as SlotValue
  raw: z.string(),
  role: AmountRole,
});
export type AmountReading = z.infer<typeof AmountReading>;

/** A value of the right shape but malformed ("1381234567" has 10 digits). */
export const SlotIssue = z.object({ slot: SlotName, problem: SlotProblem, raw: z.string() });
export type SlotIssue = z.infer<typeof SlotIssue>;

/** What the understanding port reads from one customer message in its conversation context. */
export const Analysis = z.object({
  lang: Language,
  emotion: Emotion,
  intensity: z.number().min(0).max(1),
  intent: Intent,
  intentConfidence: z.number().min(0).max(1),
  category: Category,
  nature: Nature,
  flags: z.array(RiskFlag),
  slots: SlotValues,
  /* Readings in context (issue 10): every backend fills them (src/understanding/README.md). */
  act: CustomerAct,
  empathy: EmpathyReading,
  urgency: Urgency,
  amounts: z.array(AmountReading),
  slotIssues: z.array(SlotIssue),
});
export type Analysis = z.infer<typeof Analysis>;

/** The reading that claims nothing: a neutral `other` turn, used before or instead of an analysis. */
export function neutralAnalysis(lang: Language): Analysis {
  return {
    lang,
    emotion: 'neutral',
    intensity: 0,
    intent: 'other',
    intentConfidence: 0,
    category: 'other',
    nature: 'communicative',
    flags: [],
    slots: {},
    act: { kind: 'other' },
    empathy: { family: 'none' },
    urgency: { urgent: false },
    amounts: [],
    slotIssues: [],
  };
}
