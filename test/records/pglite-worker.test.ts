import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { randomUUID } from 'node:crypto';
import { Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/records/database.js';
import { isUniqueViolation } from '../../src/records/pg-errors.js';
import { PgFollowUps } from '../../src/records/pg.follow-ups.js';
import { PgTicketStore } from '../../src/records/pg.ticket-store.js';
import { PgTranscriptStore } from '../../src/records/pg.transcript-store.js';
import { pgliteDialect } from '../../src/records/pglite.dialect.js';
import { PgliteWorkerClient, spawnWorker } from '../../src/records/pglite-worker.client.js';
import { followUpsContract } from '../contract/follow-ups.contract.js';
import { draft, ticketStoreContract } from '../contract/ticket-store.contract.js';

/** One worker for the file (opening PGlite costs seconds); each contract test gets its own schema. */
let shared: Promise<PgliteWorkerClient> | undefined;
const worker = (): Promise<PgliteWorkerClient> => (shared ??= PgliteWorkerClient.open('memory://'));
afterAll(async () => {
  await (await shared)?.close();
});

async function schemaDatabase() {
  const client = await worker();
  const schema = `w_${randomUUID().replaceAll('-', '')}`;
  const database = await openDatabase({ kind: 'pglite-client', client, schema });
  return {
    db: database.db,
    drop: async () => {
      await database.close();
      await client.exec(`DROP SCHEMA "${schema}" CASCADE; SET search_path TO public`);
    },
  };
}

ticketStoreContract('pglite in a worker thread', async () => {
  const { db, drop } = await schemaDatabase();
  return { store: new PgTicketStore(db), twin: new PgTicketStore(db), close: drop };
});

followUpsContract('pglite in a worker thread', async () => {
  const { db, drop } = await schemaDatabase();
  const tickets = new PgTicketStore(db);
  return {
    store: new PgFollowUps(db),
    ticket: async () => (await tickets.create(draft())).id,
    close: drop,
  };
});

describe('the embedded database in its worker thread', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'qt-pglite-worker-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes an archive batch inside the worker, never inside an open transaction, and keeps it across close and reopen', async () => {
    const first = await openDatabase({ kind: 'pglite', dataDir: dir });
    const ticket = await new PgTicketStore(first.db).create(draft());
    let release: (() => void) | undefined;
    const held = first.db
      .transaction()
      .execute(async (tx) => {
        await sql`SELECT 1`.execute(tx);
        await new Promise<void>((resolve) => (release = resolve));
        throw new Error('rolled back');
      })
      .catch((error: unknown) => (error as Error).message);
    const line = {
      id: 'm-1',
      from: 'customer' as const,
      text: '宽带断了',
      at: new Date().toISOString(),
    };
    const archived = first.archive.write([
      { kind: 'message', conversationId: 'conv-w', message: line },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    release?.();
    expect(await held).toBe('rolled back');
    await archived;
    await first.close();
    const second = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      expect((await new PgTicketStore(second.db).get(ticket.id))?.id).toBe(ticket.id);
      expect(await new PgTranscriptStore(second.db).list('conv-w')).toEqual([line]);
    } finally {
      await second.close();
    }
  }, 60_000);

  it('carries a database error across with its SQLSTATE, and the session stays usable', async () => {
    const { db, drop } = await schemaDatabase();
    try {
      await sql`CREATE TABLE t (id int PRIMARY KEY)`.execute(db);
      await sql`INSERT INTO t VALUES (1)`.execute(db);
      const refused = await sql`INSERT INTO t VALUES (1)`.execute(db).catch((e: unknown) => e);
      expect(isUniqueViolation(refused)).toBe(true);
      expect((refused as Error).message).toMatch(/duplicate key/);
      const rolledBack = await db
        .transaction()
        .execute(async (tx) => {
          await sql`INSERT INTO t VALUES (2)`.execute(tx);
          await sql`INSERT INTO t VALUES (1)`.execute(tx);
        })
        .catch((e: unknown) => e);
      expect(isUniqueViolation(rolledBack)).toBe(true);
      const { rows } = await sql<{ id: number; at: Date }>`SELECT id, now() AS at FROM t`.execute(
        db,
      );
      expect(rows.map((r) => r.id)).toEqual([1]);
      expect(rows[0]?.at).toBeInstanceOf(Date);
    } finally {
      await drop();
    }
  });

  it('a dead worker fails every waiting and later query with why, and close still returns', async () => {
    let thread: Worker | undefined;
    const client = await PgliteWorkerClient.open('memory://', {
      spawn: () => (thread = spawnWorker()),
    });
    const slow = client.query('SELECT pg_sleep(2)', []);
    await thread?.terminate();
    await expect(slow).rejects.toThrow(/embedded database worker exited/);
    await expect(client.query('SELECT 1', [])).rejects.toThrow(/embedded database worker exited/);
    await client.close();
  });

  /** Polls until the restarted worker answers (it reopens the directory after a short pause). */
  async function answered(client: PgliteWorkerClient): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const ok = await client.query('SELECT 1', []).then(
        () => true,
        () => false,
      );
      if (ok) return;
      if (Date.now() > deadline) throw new Error('the worker was not restarted within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('a worker that dies on a data directory is replaced: committed rows and the search path are back', async () => {
    const threads: Worker[] = [];
    const causes: Error[] = [];
    const client = await PgliteWorkerClient.open(join(dir, 'restart'), {
      spawn: () => {
        const thread = spawnWorker();
        threads.push(thread);
        return thread;
      },
      setup: 'CREATE SCHEMA IF NOT EXISTS app; SET search_path TO app',
      onRestart: (cause) => causes.push(cause),
    });
    try {
      await client.exec('CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1), (2)');
      expect(client.generation).toBe(1);
      await threads[0]?.terminate();
      await expect(client.query('SELECT id FROM t', [])).rejects.toThrow(/worker exited/);
      await answered(client);
      expect(threads).toHaveLength(2);
      expect(client.generation).toBe(2);
      expect(causes.map((c) => c.message)).toEqual([expect.stringMatching(/worker exited/)]);
      // Unqualified: only the replayed search path finds the table in schema app.
      const { rows } = await client.query<{ id: number }>('SELECT id FROM t ORDER BY id', []);
      expect(rows.map((r) => r.id)).toEqual([1, 2]);
    } finally {
      await client.close();
    }
  });

  it('a transaction begun before a restart is refused after it, never finished outside it', async () => {
    let thread: Worker | undefined;
    const client = await PgliteWorkerClient.open(join(dir, 'lost-transaction'), {
      spawn: () => (thread = spawnWorker()),
    });
    const db = new Kysely<{ t: { id: number } }>({
      dialect: pgliteDialect(client, { owned: false }),
    });
    try {
      await sql`CREATE TABLE t (id int PRIMARY KEY)`.execute(db);
      const outcome = await db
        .transaction()
        .execute(async (trx) => {
          await trx.insertInto('t').values({ id: 1 }).execute();
          await thread?.terminate();
          await answered(client);
          await trx.insertInto('t').values({ id: 2 }).execute();
        })
        .catch((error: unknown) => error);
      expect(outcome).toBeInstanceOf(Error);
      expect((outcome as Error).message).toMatch(/transaction was lost/);
      const { rows } = await sql<{ id: number }>`SELECT id FROM t`.execute(db);
      expect(rows).toEqual([]);
      // The next transaction runs normally on the new session.
      await db.transaction().execute((trx) => trx.insertInto('t').values({ id: 3 }).execute());
      expect((await sql<{ id: number }>`SELECT id FROM t`.execute(db)).rows).toEqual([{ id: 3 }]);
    } finally {
      await db.destroy();
      await client.close();
    }
  });

  it('a memory database is not restarted: it died with its worker', async () => {
    let thread: Worker | undefined;
    let spawned = 0;
    const client = await PgliteWorkerClient.open('memory://', {
      spawn: () => {
        spawned += 1;
        return (thread = spawnWorker());
      },
    });
    await thread?.terminate();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(spawned).toBe(1);
    await expect(client.query('SELECT 1', [])).rejects.toThrow(/worker exited/);
    await client.close();
  });

  it('a data directory it cannot open is an error at open, and the thread ends', async () => {
    const file = join(dir, 'a-file');
    await writeFile(file, 'not a directory');
    let thread: Worker | undefined;
    await expect(
      PgliteWorkerClient.open(join(file, 'db'), { spawn: () => (thread = spawnWorker()) }),
    ).rejects.toThrow(/ENOTDIR|not a directory/i);
    expect(thread?.threadId).toBe(-1);
  });
});
