import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { TEST_DATABASE_URL } from '../records/databases.js';
import { TEST_REDIS_URL } from './redis.js';

export interface ScratchDatabase {
  /** The database's name on the test server. */
  name: string;
  /** DATABASE_URL for it. */
  url: string;
  /** Drops it, closing whatever is still connected. */
  drop(): Promise<void>;
}

/** A superuser session on the test server's maintenance database, for CREATE/DROP DATABASE. */
async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A new empty database on the test PostgreSQL server, for suites that start whole apps on
 * DATABASE_URL (the app migrates it in the public schema, so a schema of a shared one will not do).
 */
export async function createScratchDatabase(): Promise<ScratchDatabase> {
  const name = `qt_test_${randomUUID().replaceAll('-', '')}`;
  await withAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () =>
      withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

/**
 * The production set-up's environment (DESIGN: Redis for hot state, PostgreSQL as the system of
 * record) on a scratch database and a fresh Redis key prefix of `redis`'s scope.
 */
export function productionEnv(
  redis: { client(): unknown; prefix(): string },
  database: ScratchDatabase,
): Record<'REDIS_URL' | 'REDIS_PREFIX' | 'DATABASE_URL' | 'RECORDS', string> {
  redis.client(); // fails outside the scope's describe block, before any server starts
  return {
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: redis.prefix(),
    DATABASE_URL: database.url,
    RECORDS: 'database',
  };
}
