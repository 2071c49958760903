import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { auditEntry } from '../../src/records/audit-entry.js';
import { AuditLog } from '../../src/records/audit-log.js';
import { migrate } from '../../src/records/database.js';
import { LATEST_MIGRATION, migrationProvider } from '../../src/records/migrations/index.js';
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
      const names = Object.keys(await migrationProvider.getMigrations());
      expect(names.at(-1)).toBe(LATEST_MIGRATION);
      const downs: Array<[string | undefined, string | undefined]> = [];
      for (let step = 0; step < names.length; step += 1) {
        const down = await migrate(test.database.db, 'down', test.schema);
        downs.push(
          ...(down.results ?? []).map((r) => [r.migrationName, r.status] as [string, string]),
        );
      }
      expect(downs).toEqual([...names].reverse().map((name) => [name, 'Success']));
      expect(await tables(test)).toEqual([]);
      const up = await migrate(test.database.db, 'latest', test.schema);
      expect(up.results?.map((r) => r.status)).toEqual(names.map(() => 'Success'));
      expect(await tables(test)).toContain('tickets');
    });

    it('0003 derives the dashboard columns from the ticket and copies its facts to its handoffs', async () => {
      const test = await openTestDatabase(backend);
      opened.push(test);
      const { db } = test.database;
      // The handoff is archived before its ticket: it takes the facts when the ticket arrives.
      await sql`INSERT INTO handoffs (id, conversation_id, ticket_id, channel, state, enqueued_at, version, body)
        VALUES ('h1', 'c1', 'Q20261102-000001', 'web', 'queued', '2026-11-02T02:00:00Z', 1, '{}')`.execute(
        db,
      );
      const body = {
        emotions: [
          { emotion: 'angry', intensity: 0.9, at: '2026-11-02T01:00:00Z' },
          { emotion: 'neutral', intensity: 0.5, at: '2026-11-02T01:01:00Z' },
          { emotion: 'sad', intensity: 0.2, at: '2026-11-02T01:02:00Z' },
        ],
        slots: { place: { value: '朝阳区营业厅' } },
        statusHistory: [
          { status: 'open', at: '2026-11-02T01:00:00Z' },
          { status: 'closed', at: '2026-11-03T01:00:00+08:00' },
          { status: 'resolved', at: '2026-11-04T01:00:00Z' },
        ],
      };
      await sql`INSERT INTO tickets (id, conversation_id, channel, lang, category, nature, severity, status,
          created_at, updated_at, version, body)
        VALUES ('Q20261102-000001', 'c1', 'web', 'zh', 'billing', 'effective', 'P2', 'closed',
          '2026-11-02T01:00:00Z', '2026-11-02T01:00:00Z', 1, ${JSON.stringify(body)})`.execute(db);
      const ticket = await sql<Record<string, unknown>>`SELECT first_emotion, distress_shift, place,
          people, done_at FROM tickets`.execute(db);
      const [derived] = ticket.rows;
      expect(Number(derived?.distress_shift)).toBeCloseTo(0.2 - 0.9, 6);
      expect({ ...derived, distress_shift: undefined }).toEqual({
        first_emotion: 'angry',
        distress_shift: undefined,
        place: '朝阳区营业厅',
        people: null,
        done_at: new Date('2026-11-02T17:00:00Z'),
      });
      const facts = sql<Record<string, unknown>>`SELECT ticket_created_at, ticket_channel,
          ticket_category, ticket_severity FROM handoffs`;
      expect((await facts.execute(db)).rows).toEqual([
        {
          ticket_created_at: new Date('2026-11-02T01:00:00Z'),
          ticket_channel: 'web',
          ticket_category: 'billing',
          ticket_severity: 'P2',
        },
      ]);
      await sql`UPDATE tickets SET category = 'network', severity = 'P1'`.execute(db);
      expect((await facts.execute(db)).rows).toMatchObject([
        { ticket_category: 'network', ticket_severity: 'P1' },
      ]);
      // Down through the later migrations to 0003.
      let undone: string | undefined;
      while (undone !== '0003-analytics-indexes')
        undone = (await migrate(db, 'down', test.schema)).results?.[0]?.migrationName;
      const columns = await sql<{
        column_name: string;
      }>`SELECT column_name FROM information_schema.columns
        WHERE table_schema = ${test.schema} AND table_name IN ('tickets', 'handoffs')
          AND column_name IN ('first_emotion', 'distress_shift', 'place', 'people', 'done_at',
            'ticket_created_at', 'ticket_channel', 'ticket_category', 'ticket_severity')`.execute(
        db,
      );
      expect(columns.rows).toEqual([]);
      expect((await sql`SELECT id FROM tickets`.execute(db)).rows).toHaveLength(1);
    });

    it('keeps the audit log append-only: no update, no delete outside the purge', async () => {
      const test = await openTestDatabase(backend);
      opened.push(test);
      const { db } = test.database;
      await new AuditLog(db).record(
        auditEntry({
          actor: 'root',
          action: 'customer.erase',
          targetKind: 'customer',
          targetId: 'x',
        }),
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
