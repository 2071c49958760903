import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import {
  DueQuery,
  FollowUp,
  FollowUpResult,
  NewFollowUp,
  type FollowUpOutcome,
} from '../handoff/follow-up.js';
import type { FollowUps } from '../handoff/follow-ups.port.js';
import type { RecordsDb } from './database.js';
import type { FollowUpsTable } from './schema.js';

/**
 * Follow-ups in `follow_ups` (a ticket's, erased with it). A change applies only while the task is
 * pending (`WHERE status = 'pending'`), so two agents never both record an outcome.
 */
export class PgFollowUps implements FollowUps {
  constructor(private readonly db: RecordsDb) {}

  async schedule(task: NewFollowUp): Promise<FollowUp> {
    const { ticketId, handoffId, dueAt, assignee } = NewFollowUp.parse(task);
    const row = await this.db
      .insertInto('follow_ups')
      .values({
        id: randomUUID(),
        ticket_id: ticketId,
        handoff_id: handoffId ?? null,
        due_at: dueAt,
        status: 'pending',
        agent: assignee ?? null,
        outcome: null,
        done_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return followUpOf(row);
  }

  async get(id: string): Promise<FollowUp | undefined> {
    const row = await this.db
      .selectFrom('follow_ups')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : followUpOf(row);
  }

  async forTicket(ticketId: string): Promise<FollowUp[]> {
    const rows = await this.db
      .selectFrom('follow_ups')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .orderBy('due_at')
      .execute();
    return rows.map(followUpOf);
  }

  async due(query: DueQuery): Promise<FollowUp[]> {
    const { before, assignee, limit } = DueQuery.parse(query);
    let select = this.db
      .selectFrom('follow_ups')
      .selectAll()
      .where('status', '=', 'pending')
      .where('due_at', '<', new Date(before));
    if (assignee !== undefined) select = select.where('agent', '=', assignee);
    return (await select.orderBy('due_at').limit(limit).execute()).map(followUpOf);
  }

  assign(id: string, assignee: string): Promise<FollowUpOutcome> {
    return this.changePending(id, { agent: assignee });
  }

  async complete(id: string, result: FollowUpResult): Promise<FollowUpOutcome> {
    const { status, outcome, at, by } = FollowUpResult.parse(result);
    return await this.changePending(id, {
      status,
      agent: by,
      outcome: outcome === undefined || outcome === '' ? null : outcome,
      done_at: at,
    });
  }

  private async changePending(
    id: string,
    change: { agent: string; status?: string; outcome?: string | null; done_at?: string },
  ): Promise<FollowUpOutcome> {
    const row = await this.db
      .updateTable('follow_ups')
      .set(change)
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
    if (row !== undefined) return { ok: true, followUp: followUpOf(row) };
    return { ok: false, reason: (await this.get(id)) === undefined ? 'not_found' : 'not_pending' };
  }
}

function followUpOf(row: Selectable<FollowUpsTable>): FollowUp {
  return FollowUp.parse({
    id: row.id,
    ticketId: row.ticket_id,
    dueAt: row.due_at.toISOString(),
    status: row.status,
    ...(row.handoff_id === null ? {} : { handoffId: row.handoff_id }),
    ...(row.agent === null ? {} : { assignee: row.agent }),
    ...(row.outcome === null ? {} : { outcome: row.outcome }),
    ...(row.done_at === null ? {} : { doneAt: row.done_at.toISOString() }),
  });
}
