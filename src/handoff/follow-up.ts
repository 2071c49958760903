import { z } from 'zod';

/** `pending` until an agent records how the 回访 went: reached (`done`), `unreachable`, or `cancelled`. */
export const FOLLOW_UP_STATUSES = ['pending', 'done', 'unreachable', 'cancelled'] as const;
export const FollowUpStatus = z.enum(FOLLOW_UP_STATUSES);
export type FollowUpStatus = z.infer<typeof FollowUpStatus>;

export const NewFollowUp = z.object({
  ticketId: z.string().min(1),
  handoffId: z.string().min(1).optional(),
  dueAt: z.iso.datetime(),
  /** The agent who is to call back; unassigned tasks are anyone's. */
  assignee: z.string().min(1).optional(),
});
export type NewFollowUp = z.infer<typeof NewFollowUp>;

export const FollowUp = NewFollowUp.extend({
  id: z.string().min(1),
  status: FollowUpStatus,
  /** What the customer said on the call back (satisfied, still waiting…). */
  outcome: z.string().optional(),
  doneAt: z.iso.datetime().optional(),
});
export type FollowUp = z.infer<typeof FollowUp>;

/** How a follow-up ended: by whom (who then stands as its assignee), when, and what came of it. */
export const FollowUpResult = z.object({
  status: FollowUpStatus.exclude(['pending']),
  outcome: z.string().trim().max(2000).optional(),
  by: z.string().min(1),
  at: z.iso.datetime(),
});
export type FollowUpResult = z.infer<typeof FollowUpResult>;

export const DueQuery = z.object({
  before: z.iso.datetime(),
  assignee: z.string().min(1).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type DueQuery = z.input<typeof DueQuery>;

/** A closed follow-up keeps its result: a second completion or reassignment is refused. */
export type FollowUpOutcome =
  { ok: true; followUp: FollowUp } | { ok: false; reason: 'not_found' | 'not_pending' };
