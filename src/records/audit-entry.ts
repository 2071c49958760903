import { z } from 'zod';

/**
 * Every action the server writes to the audit log (the admin console says each in words; a test
 * holds the dictionaries to this list). `auditEntry` refuses a code not listed here.
 */
export const AUDIT_ACTIONS = [
  'agent.create',
  'agent.update',
  'agent.disable',
  'agent.enable',
  'agent.password_reset',
  'group.create',
  'group.update',
  'group.delete',
  'config.draft',
  'config.publish',
  'config.rollback',
  'customer.export',
  'customer.erase',
  'retention.purge',
  'follow_up.outcome',
  'handoff.claim',
  'handoff.transfer',
  'handoff.close',
  'handoff.note',
  'handoff.labels',
  'handoff.waiting',
  'handoff.reassign',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What an entry's target is (`targetKind`). */
export const AUDIT_TARGETS = [
  'agent',
  'group',
  'config',
  'customer',
  'records',
  'follow_up',
  'handoff',
] as const;
export type AuditTarget = (typeof AUDIT_TARGETS)[number];

const WRITTEN = z.object({ action: z.enum(AUDIT_ACTIONS), targetKind: z.enum(AUDIT_TARGETS) });

/** One staff action: who did what to which record (DESIGN §9, §10: every admin action is audited). */
export const AuditEntry = z.object({
  id: z.uuid(),
  at: z.iso.datetime(),
  /** The agent's or admin's username, or `system` for scheduled work (the retention purge). */
  actor: z.string().min(1),
  action: z.string().min(1),
  targetKind: z.string().min(1),
  targetId: z.string(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export function auditEntry(
  fields: Omit<AuditEntry, 'id' | 'at' | 'detail'> & Partial<Pick<AuditEntry, 'at' | 'detail'>>,
): AuditEntry {
  // Rows already stored keep any code (the schema reads them); a new one must be a listed code.
  WRITTEN.parse(fields);
  return AuditEntry.parse({
    // The global Web Crypto, so the schema also loads in the admin console's bundle.
    id: crypto.randomUUID(),
    at: new Date().toISOString(),
    detail: {},
    ...fields,
  });
}
