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

export interface AuditFilter {
  from?: Date;
  to?: Date;
  actor?: string;
  action?: string;
  target?: string;
  /** The last entry of the previous page. */
  before?: { at: Date; id: string };
  limit: number;
}

/** `%`, `_` and `\` taken literally in a LIKE pattern. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The append-only audit log (the table refuses UPDATE and DELETE; see migration 0001). */
export class AuditLog {
  constructor(private readonly db: RecordsDb) {}

  /** Written before the action's answer goes out, so no audited action is ever unrecorded. */
  async record(entry: AuditEntry): Promise<void> {
    await this.db.insertInto('audit_log').values(auditRow(entry)).execute();
  }

  /**
   * Newest first (ties by id), filtered: `action` matches itself and its sub-actions (`agent`
   * matches `agent.create`), `target` a target id or kind; `before` continues a page.
   */
  async list(filter: AuditFilter): Promise<AuditEntry[]> {
    const { from, to, actor, action, target, before } = filter;
    let query = this.db.selectFrom('audit_log').selectAll();
    if (from !== undefined) query = query.where('at', '>=', from);
    if (to !== undefined) query = query.where('at', '<', to);
    if (actor !== undefined) query = query.where('actor', '=', actor);
    if (action !== undefined)
      query = query.where((eb) =>
        eb.or([eb('action', '=', action), eb('action', 'like', `${escapeLike(action)}.%`)]),
      );
    if (target !== undefined)
      query = query.where((eb) =>
        eb.or([eb('target_id', '=', target), eb('target_kind', '=', target)]),
      );
    if (before !== undefined)
      query = query.where((eb) =>
        eb.or([
          eb('at', '<', before.at),
          eb.and([eb('at', '=', before.at), eb('id', '<', before.id)]),
        ]),
      );
    const rows = await query
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit)
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
