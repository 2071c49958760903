/**
 * The embedded database's own thread: one PGlite (WASM PostgreSQL) serving the app's queries, so a
 * write-behind batch or a dashboard query never holds the event loop a customer turn runs on.
 * Started by `pglite-worker.client.ts`; one request at a time per session, as the app sends them.
 */
import { parentPort } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { z } from 'zod';
import { ArchiveRecord } from './archive-record.js';
import { ArchiveWriter } from './archive-writer.js';
import { pgliteDialect } from './pglite.dialect.js';
import { failureOf, WorkerRequest, type WorkerReply } from './pglite.protocol.js';
import type { RecordsSchema } from './schema.js';

const port = parentPort;
if (port === null) throw new Error('pglite.worker.ts runs as a worker thread');
const ArchiveBatch = z.array(ArchiveRecord);
let client: PGlite | undefined;
/** The archive's own Kysely over the same session; the app holds the session while a batch runs. */
let archive: ArchiveWriter | undefined;

port.on('message', (raw: unknown) => {
  void answer(raw).then((reply) => port.postMessage(reply));
});

async function answer(raw: unknown): Promise<WorkerReply> {
  const request = WorkerRequest.safeParse(raw);
  const id = typeof raw === 'object' && raw !== null && 'id' in raw ? Number(raw.id) : -1;
  if (!request.success)
    return { id, ok: false, error: { message: `bad request: ${request.error.message}` } };
  try {
    return { id, ok: true, ...(await run(request.data)) };
  } catch (error) {
    return { id, ok: false, error: failureOf(error) };
  }
}

async function run(
  request: WorkerRequest,
): Promise<{ rows: Record<string, unknown>[]; affectedRows?: number }> {
  if (request.op === 'open') {
    if (client !== undefined) throw new Error('the embedded database is already open');
    client = await PGlite.create(request.dataDir);
    archive = new ArchiveWriter(
      new Kysely<RecordsSchema>({ dialect: pgliteDialect(client, { owned: false }) }),
    );
    return { rows: [] };
  }
  if (client === undefined) throw new Error('the embedded database is not open');
  switch (request.op) {
    case 'query': {
      const result = await client.query<Record<string, unknown>>(request.sql, request.params);
      return {
        rows: result.rows,
        ...(result.affectedRows === undefined ? {} : { affectedRows: result.affectedRows }),
      };
    }
    case 'exec':
      await client.exec(request.sql);
      return { rows: [] };
    case 'archive':
      await archive?.write(ArchiveBatch.parse(JSON.parse(request.json)));
      return { rows: [] };
    case 'close':
      await client.close();
      client = undefined;
      return { rows: [] };
  }
}
