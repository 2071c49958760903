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

/** How long after a crash each restart attempt waits; the last repeats. */
const RESTART_DELAYS_MS = [200, 1000, 5000, 30_000] as const;

export interface WorkerClientOptions {
  /** Makes the worker thread (tests pass their own to reach it). */
  spawn?: () => Worker;
  /** Session SQL run after every open (the search path), so a restarted session is the same one. */
  setup?: string;
  /** Told each time a dead worker was replaced by a new one, and why it died. */
  onRestart?: (cause: Error) => void;
}

/**
 * The embedded PGlite in its own worker thread (`pglite.worker.ts`), seen as one PGlite session:
 * the app's thread only compiles SQL and posts it, so a batch write or a long dashboard query
 * never holds a customer's turn. If the worker dies, every pending call rejects with why (the
 * archive keeps its records pending and retries; `/readyz` fails) and a new worker reopens the
 * data directory with growing pauses; calls made meanwhile reject too. A `memory://` database
 * died with its worker, so it is never restarted. `generation` counts the sessions: a
 * transaction begun on an earlier one is lost (`pglite.dialect.ts` refuses to go on with it).
 */
export class PgliteWorkerClient implements PgliteSession {
  private readonly calls = new Map<number, Call>();
  private nextId = 1;
  private failure: Error | undefined;
  private closing = false;
  private restarts = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private worker!: Worker;
  generation = 1;

  private constructor(
    private readonly dataDir: string,
    private readonly options: WorkerClientOptions,
  ) {
    this.attach((options.spawn ?? spawnWorker)());
  }

  /** Starts the worker and opens the database in `dataDir` (`memory://` for a throwaway one). */
  static async open(
    dataDir: string,
    options: WorkerClientOptions = {},
  ): Promise<PgliteWorkerClient> {
    const client = new PgliteWorkerClient(dataDir, options);
    try {
      await client.openSession();
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
    clearTimeout(this.restartTimer);
    try {
      if (this.failure === undefined) await this.call({ op: 'close' });
    } finally {
      this.closing = true;
      await this.worker.terminate();
    }
  }

  private attach(worker: Worker): void {
    this.worker = worker;
    // A replaced worker's late events concern nobody.
    const current = () => worker === this.worker;
    worker.on('message', (raw: unknown) => {
      if (current()) this.settle(raw);
    });
    worker.on('error', (error: Error) => {
      if (current())
        this.fail(
          new Error(`The embedded database worker failed: ${error.message}`, { cause: error }),
        );
    });
    worker.on('exit', (code) => {
      if (current() && !this.closing)
        this.fail(new Error(`The embedded database worker exited (code ${code})`));
    });
  }

  private async openSession(): Promise<void> {
    await this.send({ op: 'open', dataDir: this.dataDir });
    if (this.options.setup !== undefined) await this.send({ op: 'exec', sql: this.options.setup });
  }

  private call(op: Op): Promise<Extract<WorkerReply, { ok: true }>> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.closing) return Promise.reject(new Error('The embedded database is closed'));
    return this.send(op);
  }

  private send(op: Op): Promise<Extract<WorkerReply, { ok: true }>> {
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
    const first = this.failure === undefined;
    this.failure ??= error;
    for (const call of this.calls.values()) call.reject(this.failure);
    this.calls.clear();
    if (first) this.scheduleRestart();
  }

  private scheduleRestart(): void {
    if (this.closing || this.dataDir.startsWith('memory://')) return;
    const delay = RESTART_DELAYS_MS[Math.min(this.restarts, RESTART_DELAYS_MS.length - 1)];
    this.restarts += 1;
    this.restartTimer = setTimeout(() => void this.restart(), delay);
    this.restartTimer.unref();
  }

  private async restart(): Promise<void> {
    const cause = this.failure ?? new Error('The embedded database worker stopped');
    void this.worker.terminate();
    this.attach((this.options.spawn ?? spawnWorker)());
    try {
      await this.openSession();
    } catch (error) {
      if (this.closing) return;
      this.failure = new Error(
        `The embedded database worker could not be restarted: ${(error as Error).message}`,
        { cause },
      );
      this.scheduleRestart();
      return;
    }
    if (this.closing) return;
    this.generation += 1;
    this.restarts = 0;
    this.failure = undefined;
    this.options.onRestart?.(cause);
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
