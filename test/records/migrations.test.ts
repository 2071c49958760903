import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { auditEntry } from '../../src/records/audit-entry.js';
import { AuditLog } from '../../src/records/audit-log.js';
import { migrate } from '../../src/records/database.js';
import { LATEST_MIGRATION, MIGRATION_NAMES } from '../../src/records/migrations/index.js';
import { openTestDatabase, testBackends, type TestDatabase } from './databases.js';

const opened: TestDatabase[] = [];
afterAll(async () => {
  for (const test of opened) await test.drop();
});

async function tables(test: TestDatabase): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = ${test.schema} AND table_name NOT LIKE 'kysely_%'
    ORDER BY table_name`.execute(test.database.db);
  return rows.map((r) => r.table_name);
}

for (const backend of await testBackends()) {
  describe(`migrations (${backend})`, { timeout: 60_000 }, () => {
    it('run up at open, down to nothing, and up again', async () => {
      const test = await openTestDatabase(backend);
      opened.push(test);
      expect(await tables(test)).toEqual(
        expect.arrayContaining([
          'tickets',
          'transcript_messages',
          'handoffs',
          'audit_log',
          'analytics_events',
          'agents',
          'config_versions',
          'canned_responses',
          'follow_ups',
        ]),
      );
      for (const name of [...MIGRATION_NAMES].reverse()) {
        const down = await migrate(test.database.db, 'down', test.schema);
        expect(down.results?.map((r) => [r.migrationName, r.direction, r.status])).toEqual([
          [name, 'Down', 'Success'],
        ]);
      }
      expect(MIGRATION_NAMES.at(-1)).toBe(LATEST_MIGRATION);
      expect(await tables(test)).toEqual([]);
      const up = await migrate(test.database.db, 'latest', test.schema);
      expect(up.results?.map((r) => r.status)).toEqual(MIGRATION_NAMES.map(() => 'Success'));
      expect(await tables(test)).toContain('tickets');
    });

    it('keeps the audit log append-only: no update, no delete outside the purge', async () => {
      const test = await openTestDatabase(backend);
      opened.push(test);
      const { db } = test.database;
      await new AuditLog(db).record(
        auditEntry({ actor: 'root', action: 'erase', targetKind: 'customer', targetId: 'x' }),
      );
      await expect(db.updateTable('audit_log').set({ actor: 'mallory' }).execute()).rejects.toThrow(
        /append-only/,
      );
      await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
      const kept = await db.selectFrom('audit_log').select('actor').execute();
      expect(kept).toEqual([{ actor: 'root' }]);
    });
  });
}
