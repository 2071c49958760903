import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/records/database.js';
import { isUniqueViolation } from '../../src/records/pg-errors.js';
import { PgFollowUps } from '../../src/records/pg.follow-ups.js';
import { PgTicketStore } from '../../src/records/pg.ticket-store.js';
import { PgTranscriptStore } from '../../src/records/pg.transcript-store.js';
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
    const client = await PgliteWorkerClient.open('memory://', () => (thread = spawnWorker()));
    const slow = client.query('SELECT pg_sleep(2)', []);
    await thread?.terminate();
    await expect(slow).rejects.toThrow(/embedded database worker exited/);
    await expect(client.query('SELECT 1', [])).rejects.toThrow(/embedded database worker exited/);
    await client.close();
  });

  it('a data directory it cannot open is an error at open, and the thread ends', async () => {
    const file = join(dir, 'a-file');
    await writeFile(file, 'not a directory');
    let thread: Worker | undefined;
    await expect(
      PgliteWorkerClient.open(join(file, 'db'), () => (thread = spawnWorker())),
    ).rejects.toThrow(/ENOTDIR|not a directory/i);
    expect(thread?.threadId).toBe(-1);
  });
});
