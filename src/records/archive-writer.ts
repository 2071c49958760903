import { sql } from 'kysely';
import type { RecordsDb } from './database.js';
import type { ArchiveRecord } from './archive-record.js';
import { handoffEventRow, handoffRow } from './handoff-rows.js';
import { messageRow } from './pg.transcript-store.js';
import { auditRow } from './audit-log.js';

/** Writes a batch of archive records in one transaction; replaying a batch changes nothing. */
export class ArchiveWriter {
  constructor(private readonly db: RecordsDb) {}

  async write(records: readonly ArchiveRecord[]): Promise<void> {
    if (records.length === 0) return;
    const messages = records.flatMap((r) => (r.kind === 'message' ? [r] : []));
    const handoffs = latestPerHandoff(records);
    const handoffChanges = records.flatMap((r) => (r.kind === 'handoff' ? [r] : []));
    const events = records.flatMap((r) => (r.kind === 'event' ? [r.event] : []));
    const audits = records.flatMap((r) => (r.kind === 'audit' ? [r.entry] : []));
    await this.db.transaction().execute(async (tx) => {
      if (messages.length > 0)
        await tx
          .insertInto('transcript_messages')
          .values(
            messages.map(({ conversationId, message }) => messageRow(conversationId, message)),
          )
          .onConflict((oc) => oc.columns(['conversation_id', 'message_id']).doNothing())
          .execute();
      if (handoffs.length > 0)
        await tx
          .insertInto('handoffs')
          .values(handoffs.map((h) => handoffRow(h)))
          .onConflict((oc) =>
            oc
              .column('id')
              .doUpdateSet((eb) => ({
                state: eb.ref('excluded.state'),
                agent: eb.ref('excluded.agent'),
                group_name: eb.ref('excluded.group_name'),
                rule: eb.ref('excluded.rule'),
                assigned_at: eb.ref('excluded.assigned_at'),
                closed_at: eb.ref('excluded.closed_at'),
                resolution_code: eb.ref('excluded.resolution_code'),
                rating: eb.ref('excluded.rating'),
                version: eb.ref('excluded.version'),
                body: eb.ref('excluded.body'),
              }))
              // An older snapshot replayed late never overwrites a newer one.
              .where('handoffs.version', '<', sql<number>`excluded.version`),
          )
          .execute();
      if (handoffChanges.length > 0)
        await tx
          .insertInto('handoff_events')
          .values(handoffChanges.map((r) => handoffEventRow(r.handoff, r.change, r.at)))
          .onConflict((oc) => oc.columns(['handoff_id', 'version']).doNothing())
          .execute();
      if (events.length > 0)
        await tx
          .insertInto('analytics_events')
          .values(
            events.map((e) => ({
              id: e.id,
              at: e.at,
              kind: e.kind,
              conversation_id: e.conversationId ?? null,
              ticket_id: e.ticketId ?? null,
              channel: e.channel ?? null,
              category: e.category ?? null,
              emotion: e.emotion ?? null,
              intensity: e.intensity ?? null,
              value: e.value ?? null,
              label: e.label ?? null,
              detail: e.detail === undefined ? null : JSON.stringify(e.detail),
            })),
          )
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
      if (audits.length > 0)
        await tx
          .insertInto('audit_log')
          .values(audits.map(auditRow))
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
    });
  }
}

/** One upsert per handoff (the newest snapshot in the batch): a row may not be upserted twice in one statement. */
function latestPerHandoff(records: readonly ArchiveRecord[]) {
  const latest = new Map<string, Extract<ArchiveRecord, { kind: 'handoff' }>['handoff']>();
  for (const record of records) {
    if (record.kind !== 'handoff') continue;
    const seen = latest.get(record.handoff.id);
    if (seen === undefined || seen.version < record.handoff.version)
      latest.set(record.handoff.id, record.handoff);
  }
  return [...latest.values()];
}
