import { Worker } from 'node:worker_threads';
import type { ArchiveRecord } from './archive-record.js';
import type { PgliteSession } from './pglite.dialect.js';
import { EmbeddedDatabaseError, WorkerReply, type WorkerRequest } from './pglite.protocol.js';

type Call = {
  resolve: (reply: Extract<WorkerReply, { ok: true }>) => void;
  reject: (error: Error) => void;
};
type Op = WorkerRequest extends infer R
  ? R extends { id: number }
    ? Omit<R, 'id'>
    : never
  : never;

/**
 * The embedded PGlite in its own worker thread (`pglite.worker.ts`), seen as one PGlite session:
 * the app's thread only compiles SQL and posts it, so a batch write or a long dashboard query
 * never holds a customer's turn. If the worker dies, every pending and later call rejects with
 * why (the archive logs it and keeps its records pending; `/readyz` fails) — nothing fails silently.
 */
export class PgliteWorkerClient implements PgliteSession {
  private readonly calls = new Map<number, Call>();
  private nextId = 1;
  private failure: Error | undefined;
  private closing = false;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (raw: unknown) => this.settle(raw));
    worker.on('error', (error: Error) =>
      this.fail(
        new Error(`The embedded database worker failed: ${error.message}`, { cause: error }),
      ),
    );
    worker.on('exit', (code) => {
      if (!this.closing) this.fail(new Error(`The embedded database worker exited (code ${code})`));
    });
  }

  /** Starts the worker and opens the database in `dataDir` (`memory://` for a throwaway one). */
  static async open(dataDir: string, spawn = spawnWorker): Promise<PgliteWorkerClient> {
    const client = new PgliteWorkerClient(spawn());
    try {
      await client.call({ op: 'open', dataDir });
    } catch (error) {
      client.closing = true;
      await client.worker.terminate();
      throw error;
    }
    return client;
  }

  async query<R>(
    sql: string,
    params: unknown[] = [],
  ): Promise<{ rows: R[]; affectedRows?: number }> {
    const reply = await this.call({ op: 'query', sql, params });
    return {
      rows: reply.rows as R[],
      ...(reply.affectedRows === undefined ? {} : { affectedRows: reply.affectedRows }),
    };
  }

  async exec(sql: string): Promise<void> {
    await this.call({ op: 'exec', sql });
  }

  /**
   * Writes an archive batch inside the worker (one message, no SQL compiled here). The caller holds
   * the session meanwhile (`WorkerArchiveWriter`), so the batch never lands inside its transaction.
   */
  async archive(records: readonly ArchiveRecord[]): Promise<void> {
    await this.call({ op: 'archive', json: JSON.stringify(records) });
  }

  /** Closes the database (its last writes reach the disk), then ends the thread. */
  async close(): Promise<void> {
    if (this.closing) return;
    try {
      if (this.failure === undefined) await this.call({ op: 'close' });
    } finally {
      this.closing = true;
      await this.worker.terminate();
    }
  }

  private call(op: Op): Promise<Extract<WorkerReply, { ok: true }>> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.closing) return Promise.reject(new Error('The embedded database is closed'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.calls.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...op } satisfies WorkerRequest);
    });
  }

  private settle(raw: unknown): void {
    const reply = WorkerReply.safeParse(raw);
    if (!reply.success) {
      this.fail(new Error(`The embedded database worker sent a bad reply: ${reply.error.message}`));
      return;
    }
    const call = this.calls.get(reply.data.id);
    this.calls.delete(reply.data.id);
    if (reply.data.ok) call?.resolve(reply.data);
    else call?.reject(new EmbeddedDatabaseError(reply.data.error));
  }

  /** The worker is gone or broken: nothing it had will answer, so every waiting call learns why. */
  private fail(error: Error): void {
    this.failure ??= error;
    for (const call of this.calls.values()) call.reject(this.failure);
    this.calls.clear();
  }
}

/**
 * The built worker from dist; from TypeScript source (tsx, vitest) the thread registers tsx itself,
 * since a Node 20 worker does not inherit its parent's module loader.
 */
export function spawnWorker(): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? './pglite.worker.ts' : './pglite.worker.js', import.meta.url);
  // Not the app's own flags (its preloads, --cpu-prof…): the thread only needs its module.
  if (!fromSource) return new Worker(entry, { execArgv: [] });
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const bootstrap = `import { register } from ${tsx}; register(); await import(${JSON.stringify(entry.href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), {
    execArgv: [],
  });
}
