import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openDatabase, type RecordsDatabase } from '../../src/records/database.js';

/** The PostgreSQL server the tests use: TEST_DATABASE_URL, else the machine's local one. */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type TestBackend = 'pglite' | 'postgres';

/**
 * Whether suites on the real server run. Under CI a missing server is a failure, never a silent
 * skip, so this only returns false outside CI.
 */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({
    connectionString: TEST_DATABASE_URL,
    connectionTimeoutMillis: 1500,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (error) {
    if (process.env.CI === 'true')
      throw new Error(`CI=true but PostgreSQL at ${TEST_DATABASE_URL} is unreachable`, {
        cause: error,
      });
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The backends this run covers: PGlite always, the real server when it answers (always under CI). */
export async function testBackends(): Promise<TestBackend[]> {
  return (await postgresAvailable()) ? ['pglite', 'postgres'] : ['pglite'];
}

let sharedPglite: Promise<PGlite> | undefined;

/** One in-memory PGlite per test file (opening one costs seconds); each test gets its own schema. */
function pglite(): Promise<PGlite> {
  sharedPglite ??= PGlite.create('memory://');
  return sharedPglite;
}

export interface TestDatabase {
  database: RecordsDatabase;
  schema: string;
  /** Closes the database and drops its schema. */
  drop(): Promise<void>;
}

/** A migrated database in a fresh schema of the chosen backend, dropped by `drop()`. */
export async function openTestDatabase(backend: TestBackend): Promise<TestDatabase> {
  const schema = `t_${randomUUID().replaceAll('-', '')}`;
  if (backend === 'pglite') {
    const client = await pglite();
    const database = await openDatabase({ kind: 'pglite-client', client, schema });
    return {
      database,
      schema,
      drop: async () => {
        await database.close();
        await client.exec(`DROP SCHEMA "${schema}" CASCADE; SET search_path TO public`);
      },
    };
  }
  const database = await openDatabase({
    kind: 'postgres',
    url: TEST_DATABASE_URL,
    schema,
    poolSize: 4,
  });
  return {
    database,
    schema,
    drop: async () => {
      await database.close();
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      try {
        await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
      } finally {
        await admin.end();
      }
    },
  };
}
