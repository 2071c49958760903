import { mkdir } from 'node:fs/promises';
import { Kysely, Migrator, PostgresDialect, type Dialect, type MigrationResultSet } from 'kysely';
import pg from 'pg';
import { migrationProvider } from './migrations/index.js';
import type { ArchiveBatchWriter, ArchiveRecord } from './archive-record.js';
import { ArchiveWriter } from './archive-writer.js';
import { pgliteDialect, type PgliteSession } from './pglite.dialect.js';
import { PgliteWorkerClient } from './pglite-worker.client.js';
import type { RecordsSchema } from './schema.js';

export type RecordsDb = Kysely<RecordsSchema>;

export type DatabaseLocation =
  /** A real PostgreSQL server (production: DATABASE_URL). */
  | { kind: 'postgres'; url: string; schema?: string; poolSize?: number }
  /**
   * Embedded PGlite in a directory (`DATA_DIR`), or `memory://` for a throwaway one, run in its
   * own worker thread so its work never holds the app's event loop.
   */
  | { kind: 'pglite'; dataDir: string; schema?: string; onRestart?: (cause: Error) => void }
  /** An already open PGlite session shared by several databases (tests: one per file, a schema each). */
  | { kind: 'pglite-client'; client: PgliteSession; schema: string };

export interface RecordsDatabase {
  db: RecordsDb;
  kind: 'postgres' | 'pglite';
  /** Where write-behind batches go: `ArchiveWriter` on this thread, or inside the PGlite worker. */
  archive: ArchiveBatchWriter;
  /** Closes the pool or the embedded database (a shared PGlite client is left open). */
  close(): Promise<void>;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Opens the system of record and brings its schema to the latest migration. */
export async function openDatabase(location: DatabaseLocation): Promise<RecordsDatabase> {
  const { dialect, kind, worker } = await connect(location);
  const db = new Kysely<RecordsSchema>({ dialect });
  try {
    if (location.schema !== undefined)
      await db.schema.createSchema(location.schema).ifNotExists().execute();
    await migrate(db, 'latest', location.schema);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return {
    db,
    kind,
    archive: worker === undefined ? new ArchiveWriter(db) : new WorkerArchiveWriter(db, worker),
    close: () => db.destroy(),
  };
}

/** Runs migrations up to the latest, or down by one; a failure names the migration that failed. */
export async function migrate(
  db: Kysely<RecordsSchema>,
  direction: 'latest' | 'down',
  schema?: string,
): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const outcome =
    direction === 'latest' ? await migrator.migrateToLatest() : await migrator.migrateDown();
  if (outcome.error !== undefined) {
    const failed = outcome.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(
      `Migration ${failed} failed: ${outcome.error instanceof Error ? outcome.error.message : JSON.stringify(outcome.error)}`,
      {
        cause: outcome.error,
      },
    );
  }
  return outcome;
}

interface Connection {
  dialect: Dialect;
  kind: 'postgres' | 'pglite';
  worker?: PgliteWorkerClient;
}

/**
 * The embedded archive path: a batch is posted to the PGlite worker as records (one message), not
 * compiled and sent statement by statement from the app's thread. It holds the session like a query
 * (Kysely's connection), so it never interleaves with a transaction of the app's.
 */
class WorkerArchiveWriter implements ArchiveBatchWriter {
  constructor(
    private readonly db: RecordsDb,
    private readonly worker: PgliteWorkerClient,
  ) {}

  async write(records: readonly ArchiveRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.db.connection().execute(() => this.worker.archive(records));
  }
}

async function connect(location: DatabaseLocation): Promise<Connection> {
  switch (location.kind) {
    case 'postgres': {
      const searchPath = location.schema === undefined ? undefined : quoteIdent(location.schema);
      const pool = new pg.Pool({
        connectionString: location.url,
        max: location.poolSize ?? 10,
        ...(searchPath === undefined ? {} : { options: `-c search_path=${searchPath}` }),
      });
      // An idle client's error (a server restart) must not kill the process; the next query reconnects.
      pool.on('error', () => undefined);
      // Kysely's destroy() ends the pool.
      return { dialect: new PostgresDialect({ pool }), kind: 'postgres' };
    }
    case 'pglite': {
      if (!location.dataDir.startsWith('memory://'))
        await mkdir(location.dataDir, { recursive: true });
      const setup = schemaSetup(location.schema);
      const client = await PgliteWorkerClient.open(location.dataDir, {
        ...(setup === undefined ? {} : { setup }),
        ...(location.onRestart === undefined ? {} : { onRestart: location.onRestart }),
      });
      // Kysely's destroy() closes the client it owns.
      return {
        dialect: pgliteDialect(client, { owned: true }),
        kind: 'pglite',
        worker: client,
      };
    }
    case 'pglite-client':
      await useSchema(location.client, location.schema);
      return {
        dialect: pgliteDialect(location.client, { owned: false }),
        kind: 'pglite',
      };
  }
}

/** PGlite is one session, so its search path is set once for every later query. */
async function useSchema(client: PgliteSession, schema: string | undefined): Promise<void> {
  const setup = schemaSetup(schema);
  if (setup !== undefined) await client.exec(setup);
}

function schemaSetup(schema: string | undefined): string | undefined {
  if (schema === undefined) return undefined;
  const ident = quoteIdent(schema);
  return `CREATE SCHEMA IF NOT EXISTS ${ident}; SET search_path TO ${ident}`;
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name))
    throw new Error(`Invalid schema name ${JSON.stringify(name)}`);
  return `"${name}"`;
}
