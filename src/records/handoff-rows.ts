import type { Handoff } from '../handoff/handoff.js';
import type { HandoffEventsTable, HandoffsTable } from './schema.js';
import type { Insertable } from 'kysely';

/** The filterable columns and the document of one handoff snapshot. */
export function handoffRow(handoff: Handoff): Insertable<HandoffsTable> {
  return {
    id: handoff.id,
    conversation_id: handoff.conversationId,
    ticket_id: handoff.ticketId,
    channel: handoff.channel,
    state: handoff.state,
    agent: handoff.agent ?? null,
    group_name: handoff.group ?? null,
    rule: handoff.summary.handoffRule,
    enqueued_at: handoff.enqueuedAt,
    assigned_at: handoff.assignedAt ?? null,
    closed_at: handoff.closedAt ?? null,
    resolution_code: handoff.resolution?.code ?? null,
    rating: handoff.survey?.rating ?? null,
    version: handoff.version,
    body: JSON.stringify(handoff),
  };
}

/** One row of a handoff's history: each stored version came from exactly one change. */
export function handoffEventRow(
  handoff: Handoff,
  change: string,
  at: string,
): Insertable<HandoffEventsTable> {
  return {
    handoff_id: handoff.id,
    version: handoff.version,
    at,
    kind: change,
    agent: handoff.agent ?? null,
    detail: JSON.stringify({ state: handoff.state, group: handoff.group ?? null }),
  };
}
