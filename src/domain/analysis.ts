import { z } from 'zod';
import { Category, Emotion, Intent, Language, Nature, RiskFlag } from './taxonomy.js';

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
  };
}
