import type { Insertable } from 'kysely';
import type { RecordsDb } from './database.js';
import { AuditEntry } from './audit-entry.js';
import type { AuditLogTable } from './schema.js';

export function auditRow(entry: AuditEntry): Insertable<AuditLogTable> {
  return {
    id: entry.id,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    target_kind: entry.targetKind,
    target_id: entry.targetId,
    detail: JSON.stringify(entry.detail),
  };
}

/** The append-only audit log (the table refuses UPDATE and DELETE; see migration 0001). */
export class AuditLog {
  constructor(private readonly db: RecordsDb) {}

  /** Written before the action's answer goes out, so no audited action is ever unrecorded. */
  async record(entry: AuditEntry): Promise<void> {
    await this.db.insertInto('audit_log').values(auditRow(entry)).execute();
  }

  /** Newest first, within a time range. */
  async list(range: { from: Date; to: Date; limit: number }): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('at', '>=', range.from)
      .where('at', '<', range.to)
      .orderBy('at', 'desc')
      .limit(range.limit)
      .execute();
    return rows.map((row) =>
      AuditEntry.parse({
        id: row.id,
        at: row.at.toISOString(),
        actor: row.actor,
        action: row.action,
        targetKind: row.target_kind,
        targetId: row.target_id,
        detail: row.detail,
      }),
    );
  }
}
