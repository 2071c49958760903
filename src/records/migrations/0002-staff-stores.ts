import { sql, type Kysely } from 'kysely';

/**
 * Canned responses gain the shortcut agents type (`/refund`), unique per language; follow-ups are
 * found by ticket (a ticket's page, erasure).
 */
const UP = [
  `ALTER TABLE canned_responses ADD COLUMN shortcut text`,
  `UPDATE canned_responses SET shortcut = '/' || id`,
  `ALTER TABLE canned_responses ALTER COLUMN shortcut SET NOT NULL`,
  `CREATE UNIQUE INDEX canned_responses_shortcut ON canned_responses (lang, shortcut)`,
  `CREATE INDEX follow_ups_ticket ON follow_ups (ticket_id)`,
];

const DOWN = [
  'DROP INDEX follow_ups_ticket',
  'DROP INDEX canned_responses_shortcut',
  'ALTER TABLE canned_responses DROP COLUMN shortcut',
];

async function run(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export const records0002 = {
  up: (db: Kysely<unknown>) => run(db, UP),
  down: (db: Kysely<unknown>) => run(db, DOWN),
};
