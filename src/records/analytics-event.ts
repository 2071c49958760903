import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Emotion } from '../domain/taxonomy.js';

/**
 * What the analytics read (DESIGN §9), one fact per row:
 * - `turn`: a customer turn's emotion and intensity (label: intent), so start vs end of the bot's part shows;
 * - `faq_answered` (label: entry id) / `faq_missed` (label: the question, to grow the knowledge base);
 * - `rule_fired` (label: the handoff rule), `ticket_filed`, `self_service` (label: what was served);
 * - `handoff_wait` (value: seconds queued until claimed), `resolution` (value: seconds queued until closed);
 * - `csat` (value: rating 1–5).
 */
export const ANALYTICS_EVENT_KINDS = [
  'turn',
  'faq_answered',
  'faq_missed',
  'rule_fired',
  'ticket_filed',
  'self_service',
  'handoff_wait',
  'resolution',
  'csat',
] as const;
export const AnalyticsEventKind = z.enum(ANALYTICS_EVENT_KINDS);
export type AnalyticsEventKind = z.infer<typeof AnalyticsEventKind>;

export const AnalyticsEvent = z.object({
  id: z.uuid(),
  at: z.iso.datetime(),
  kind: AnalyticsEventKind,
  conversationId: z.string().optional(),
  ticketId: z.string().optional(),
  channel: z.string().optional(),
  category: z.string().optional(),
  emotion: Emotion.optional(),
  intensity: z.number().min(0).max(1).optional(),
  value: z.number().finite().optional(),
  label: z.string().max(500).optional(),
  detail: z.record(z.string(), z.unknown()).optional(),
});
export type AnalyticsEvent = z.infer<typeof AnalyticsEvent>;

/** An event with a fresh id (the key that makes a retried write land once). */
export function analyticsEvent(fields: Omit<AnalyticsEvent, 'id'>): AnalyticsEvent {
  return AnalyticsEvent.parse({ id: randomUUID(), ...fields });
}
