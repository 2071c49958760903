import type {
  DueQuery,
  FollowUp,
  FollowUpOutcome,
  FollowUpResult,
  NewFollowUp,
} from './follow-up.js';

/**
 * Follow-up (回访) tasks after a handoff closes, and their outcome (DESIGN §4, §9). The handoff
 * service's follow-up timer reminds the agent; this store is what managers report on.
 */
export interface FollowUps {
  schedule(task: NewFollowUp): Promise<FollowUp>;
  get(id: string): Promise<FollowUp | undefined>;
  /** A ticket's follow-ups, earliest due first. */
  forTicket(ticketId: string): Promise<FollowUp[]>;
  /** Pending tasks due before a time (an agent's, or all), earliest first. */
  due(query: DueQuery): Promise<FollowUp[]>;
  /** Hands a pending task to another agent. */
  assign(id: string, assignee: string): Promise<FollowUpOutcome>;
  /** Records how a pending task ended; once only. */
  complete(id: string, result: FollowUpResult): Promise<FollowUpOutcome>;
}
