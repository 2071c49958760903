import { Mutex } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';

/** One PostgreSQL session: a PGlite on this thread, or the one in its worker (`pglite-worker.client.ts`). */
export interface PgliteSession {
  query<R>(sql: string, params: unknown[]): Promise<{ rows: R[]; affectedRows?: number }>;
  exec(sql: string): Promise<unknown>;
  close(): Promise<void>;
  /** Changes when the session was replaced (a restarted worker): its open transaction is gone. */
  readonly generation?: number;
}

/**
 * Kysely over one PGlite session, used like a pool of one: a connection is held exclusively from
 * acquire to release, so two concurrent transactions never interleave on the single session.
 * (kysely-pglite 0.6 hands every caller the same session at once, and reports no affected-row
 * counts, which optimistic `UPDATE … WHERE version = $n` needs.)
 */
export function pgliteDialect(client: PgliteSession, options: { owned: boolean }): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new SerialPgliteDriver(client, options.owned),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
}

class SerialPgliteDriver implements Driver {
  private readonly mutex = new Mutex();
  private readonly releasers = new WeakMap<DatabaseConnection, () => void>();

  constructor(
    private readonly client: PgliteSession,
    private readonly owned: boolean,
  ) {}

  init(): Promise<void> {
    return Promise.resolve();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.mutex.acquire();
    const connection = new PgliteConnection(this.client);
    this.releasers.set(connection, release);
    return connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('BEGIN'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('COMMIT'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('ROLLBACK'));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.releasers.get(connection)?.();
    this.releasers.delete(connection);
    return Promise.resolve();
  }

  async destroy(): Promise<void> {
    if (this.owned) await this.client.close();
  }
}

class PgliteConnection implements DatabaseConnection {
  constructor(private readonly client: PgliteSession) {}

  /** The session generation the open transaction began on; null outside one. */
  private transactionOn: number | undefined | null = null;

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const { sql } = compiled;
    if (this.transactionOn !== null && this.transactionOn !== this.client.generation) {
      // The work so far died with the old session: a ROLLBACK has nothing left to undo, and any
      // other statement would run outside the transaction its caller believes it is in.
      if (sql === 'ROLLBACK') {
        this.transactionOn = null;
        return { rows: [] };
      }
      throw new Error('The transaction was lost: the embedded database worker restarted');
    }
    const result = await this.client.query<R>(sql, [...compiled.parameters]);
    if (sql === 'BEGIN') this.transactionOn = this.client.generation;
    else if (sql === 'COMMIT' || sql === 'ROLLBACK') this.transactionOn = null;
    return {
      rows: result.rows,
      ...(result.affectedRows === undefined
        ? {}
        : { numAffectedRows: BigInt(result.affectedRows) }),
    };
  }

  streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite does not stream query results');
  }
}
