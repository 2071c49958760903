import { sql } from 'kysely';
import type { RecordsDb } from './database.js';
import { auditEntry } from './audit-entry.js';
import { auditRow } from './audit-log.js';

export const RETENTION_KINDS = [
  'transcripts',
  'tickets',
  'handoffs',
  'audit',
  'analytics',
] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];
export type Retention = Readonly<Record<RetentionKind, number>>;

const DEFAULTS: Retention = {
  transcripts: 180,
  tickets: 1095,
  handoffs: 1095,
  audit: 1825,
  analytics: 1095,
};

/** `transcripts=180,tickets=1095`: days per kind; kinds not named keep their default. */
export function parseRetention(text: string): Retention {
  const days = { ...DEFAULTS };
  for (const pair of text.split(',')) {
    const [kind, value] = pair.split('=');
    if (
      !RETENTION_KINDS.includes(kind as RetentionKind) ||
      value === undefined ||
      !/^\d+$/.test(value)
    )
      throw new Error(
        `RETENTION_DAYS: "${pair}" is not kind=days (kinds: ${RETENTION_KINDS.join(', ')})`,
      );
    days[kind as RetentionKind] = Number(value);
  }
  return days;
}

/** Rows deleted per statement, so a large purge never holds one huge transaction. */
const BATCH = 5000;

/**
 * Deletes what has outlived its retention period: transcript lines by their time, tickets and
 * handoffs once closed (or untouched) for longer than theirs, audit and analytics rows by time.
 * Open tickets are kept whatever their age. The purge itself is audited.
 */
export async function purgeExpired(
  db: RecordsDb,
  retention: Retention,
  now = new Date(),
): Promise<Record<RetentionKind, number>> {
  const cutoff = (kind: RetentionKind): Date =>
    new Date(now.getTime() - retention[kind] * 86_400_000);
  const removed: Record<RetentionKind, number> = {
    transcripts: 0,
    tickets: 0,
    handoffs: 0,
    audit: 0,
    analytics: 0,
  };
  removed.transcripts = await inBatches(() =>
    db
      .deleteFrom('transcript_messages')
      .where(
        'seq',
        'in',
        db
          .selectFrom('transcript_messages')
          .select('seq')
          .where('at', '<', cutoff('transcripts'))
          .limit(BATCH),
      )
      .executeTakeFirst(),
  );
  removed.handoffs = await inBatches(() =>
    db
      .deleteFrom('handoffs')
      .where(
        'id',
        'in',
        db
          .selectFrom('handoffs')
          .select('id')
          .where('state', '=', 'closed')
          .where('closed_at', '<', cutoff('handoffs'))
          .limit(BATCH),
      )
      .executeTakeFirst(),
  );
  removed.tickets = await inBatches(() =>
    db
      .deleteFrom('tickets')
      .where(
        'id',
        'in',
        db
          .selectFrom('tickets')
          .select('id')
          .where('status', 'in', ['resolved', 'withdrawn', 'closed'])
          .where('updated_at', '<', cutoff('tickets'))
          .limit(BATCH),
      )
      .executeTakeFirst(),
  );
  removed.analytics = await inBatches(() =>
    db
      .deleteFrom('analytics_events')
      .where(
        'id',
        'in',
        db
          .selectFrom('analytics_events')
          .select('id')
          .where('at', '<', cutoff('analytics'))
          .limit(BATCH),
      )
      .executeTakeFirst(),
  );
  removed.audit = await db.transaction().execute(async (tx) => {
    // The append-only trigger lets rows go only inside a transaction that says it is the purge.
    await sql`SELECT set_config('qingting.purge', 'on', true)`.execute(tx);
    const result = await tx
      .deleteFrom('audit_log')
      .where('at', '<', cutoff('audit'))
      .executeTakeFirst();
    await tx
      .insertInto('audit_log')
      .values(
        auditRow(
          auditEntry({
            actor: 'system',
            action: 'retention.purge',
            targetKind: 'records',
            targetId: 'all',
            detail: { ...removed, audit: Number(result.numDeletedRows), retention },
          }),
        ),
      )
      .execute();
    return Number(result.numDeletedRows);
  });
  return removed;
}

async function inBatches(step: () => Promise<{ numDeletedRows: bigint }>): Promise<number> {
  let total = 0;
  for (;;) {
    const { numDeletedRows } = await step();
    total += Number(numDeletedRows);
    if (numDeletedRows < BigInt(BATCH)) return total;
  }
}
