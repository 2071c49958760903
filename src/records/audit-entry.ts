import { z } from 'zod';

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
  return AuditEntry.parse({
    // The global Web Crypto, so the schema also loads in the admin console's bundle.
    id: crypto.randomUUID(),
    at: new Date().toISOString(),
    detail: {},
    ...fields,
  });
}
