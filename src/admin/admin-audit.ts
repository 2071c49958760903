import type { Logger } from 'pino';
import { auditEntry, type AuditEntry } from '../records/audit-entry.js';
import type { AuditLog } from '../records/audit-log.js';

/** Records one admin action before its answer goes out (DESIGN §10: every admin action is audited). */
export type AdminAudit = (fields: Parameters<typeof auditEntry>[0]) => Promise<AuditEntry>;

/** Into the audit log of the system of record; with RECORDS=none, into the log as `audit` lines. */
export function adminAudit(log: AuditLog | undefined, logger: Logger): AdminAudit {
  return async (fields) => {
    const entry = auditEntry(fields);
    if (log === undefined) logger.info({ audit: entry }, 'admin action');
    else await log.record(entry);
    return entry;
  };
}
