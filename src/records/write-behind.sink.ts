import type { ArchiveBatchWriter, ArchiveRecord, ArchiveSink } from './archive-record.js';
import { ArchiveStats } from './archive-stats.js';

export interface WriteBehindOptions {
  /** Most records per database transaction. */
  batchSize?: number;
  /**
   * How long the first record waits for others before a batch is written: the turns of those
   * milliseconds share one transaction: fewer statements, and the rollup triggers run once per
   * statement (250 ms by default; see the records README for the figures).
   */
  lingerMs?: number;
  /** First retry delay after a failed write; doubles up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  /** How long `close()` keeps retrying what is still pending before giving up. */
  closeDeadlineMs?: number;
  onError: (error: unknown) => void;
}

/**
 * Embedded mode's archive path: records wait in process memory and are written in batches after
 * the turn that produced them, retried with back-off while the database refuses, flushed at close.
 * (A crash loses what is still pending; Redis mode's stream sink is the one that survives SIGKILL.)
 */
export class WriteBehindSink implements ArchiveSink {
  readonly stats = new ArchiveStats();
  private pending: ArchiveRecord[] = [];
  private running: Promise<void> | undefined;
  private closed = false;
  private readonly batchSize: number;
  private readonly lingerMs: number;
  private readonly retryMs: number;
  private readonly maxRetryMs: number;
  private readonly closeDeadlineMs: number;

  constructor(
    private readonly writer: ArchiveBatchWriter,
    private readonly options: WriteBehindOptions,
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.lingerMs = options.lingerMs ?? 250;
    this.retryMs = options.retryMs ?? 100;
    this.maxRetryMs = options.maxRetryMs ?? 5000;
    this.closeDeadlineMs = options.closeDeadlineMs ?? 10_000;
  }

  enqueue(record: ArchiveRecord): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The archive is closed'));
    this.pending.push(record);
    this.running ??= this.run();
    return Promise.resolve();
  }

  async drain(): Promise<void> {
    while (this.running !== undefined) await this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.drain();
  }

  /** Writes until nothing is pending; after close, stops retrying at the deadline. */
  private async run(): Promise<void> {
    // Let the turn that enqueued finish first, and the next few turns join the batch.
    await new Promise<void>((resolve) => setTimeout(resolve, this.closed ? 0 : this.lingerMs));
    let delay = this.retryMs;
    let closedAt: number | undefined;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.slice(0, this.batchSize);
        try {
          await this.stats.count(batch.length, () => this.writer.write(batch));
          this.pending.splice(0, batch.length);
          delay = this.retryMs;
        } catch (error) {
          this.options.onError(error);
          if (this.closed) closedAt ??= Date.now();
          if (closedAt !== undefined && Date.now() - closedAt > this.closeDeadlineMs) {
            this.options.onError(
              new Error(`Archive closed with ${this.pending.length} record(s) unwritten`),
            );
            this.pending = [];
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, delay));
          delay = Math.min(delay * 2, this.maxRetryMs);
        }
      }
    } finally {
      this.running = undefined;
    }
  }
}
