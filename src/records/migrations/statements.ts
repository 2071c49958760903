import { sql, type Kysely, type Migration } from 'kysely';

/** A migration that is a list of SQL statements up and another down, run one after another. */
export function statements(up: readonly string[], down: readonly string[]): Migration {
  const run = async (db: Kysely<unknown>, list: readonly string[]): Promise<void> => {
    for (const statement of list) await sql.raw(statement).execute(db);
  };
  return { up: (db) => run(db, up), down: (db) => run(db, down) };
}
