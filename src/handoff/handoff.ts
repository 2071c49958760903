import { z } from 'zod';
import { Language } from '../domain/taxonomy.js';
import { HandoffSummary } from './summary/summary.schema.js';

/** queued → assigned → closed; a release or a transfer to a group puts an assigned case back in the queue. */
export const HANDOFF_STATES = ['queued', 'assigned', 'closed'] as const;
export const HandoffState = z.enum(HANDOFF_STATES);
export type HandoffState = z.infer<typeof HandoffState>;

/** Internal agent note: stored on the handoff, never in the customer's transcript. */
export const HandoffNote = z.object({
  id: z.string(),
  agent: z.string(),
  text: z.string(),
  at: z.string(),
});
export type HandoffNote = z.infer<typeof HandoffNote>;

export const Resolution = z.object({
  code: z.string().min(1).max(64),
  note: z.string().max(2000).optional(),
  /** `false`: the customer needs no 回访 (no follow-up task is created on close). */
  followUp: z.boolean().optional(),
});
export type Resolution = z.infer<typeof Resolution>;

/** The customer's satisfaction answer after the agent closed (回访 on the spot). */
export const Survey = z.object({
  rating: z.number().int().min(1).max(5),
  comment: z.string().optional(),
  at: z.string(),
});
export type Survey = z.infer<typeof Survey>;

/** A label is free text an agent chooses; 1–32 characters after trimming. */
export const HandoffLabel = z.string().trim().min(1).max(32);
export const MAX_LABELS = 10;

export const Handoff = z.object({
  id: z.string(),
  conversationId: z.string(),
  ticketId: z.string(),
  channel: z.string(),
  lang: Language,
  state: HandoffState,
  agent: z.string().optional(),
  /** A group the case was transferred to; any agent may still claim it. */
  group: z.string().optional(),
  /** Priority head start in minutes of waiting, from severity, emotion and flags (see priority.ts). */
  boost: z.number(),
  enqueuedAt: z.string(),
  assignedAt: z.string().optional(),
  closedAt: z.string().optional(),
  resolution: Resolution.optional(),
  summary: HandoffSummary,
  notes: z.array(HandoffNote),
  surveyPending: z.boolean(),
  survey: Survey.optional(),
  /** Free labels (标签) agents put on the case; records stored before labels existed read as none. */
  labels: z.array(HandoffLabel).max(MAX_LABELS).default([]),
  /** Set by the owner while the case waits on the customer (等待客户回复); the customer's next message clears it. */
  waiting: z.literal('customer').optional(),
  /** Optimistic-concurrency counter: each stored change increments it. */
  version: z.number().int().min(1),
});
export type Handoff = z.infer<typeof Handoff>;

/** What a caller supplies to queue a case; the queue adds the rest. */
export type NewHandoff = Pick<
  Handoff,
  'conversationId' | 'ticketId' | 'channel' | 'lang' | 'boost' | 'summary'
> & { at: string };

/** Expected refusals are values (STYLE §7); the HTTP layer maps them to status codes. */
export type HandoffRefusal =
  'not_found' | 'taken' | 'not_owner' | 'closed' | 'not_assigned' | 'too_many_labels';
export type HandoffOutcome = { ok: true; handoff: Handoff } | { ok: false; reason: HandoffRefusal };

/** Delayed work attached to a handoff: SLA breach alert, follow-up (回访) reminder, disconnect grace expiry. */
export const TIMER_KINDS = ['sla_breach', 'follow_up', 'agent_grace'] as const;
export const TimerKind = z.enum(TIMER_KINDS);
export type TimerKind = z.infer<typeof TimerKind>;

export const HandoffTimer = z.object({
  kind: TimerKind,
  handoffId: z.string(),
  /** Agent the timer concerns (grace period), if any. */
  agent: z.string().optional(),
});
export type HandoffTimer = z.infer<typeof HandoffTimer>;
