import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { RedisClient } from '../storage/redis-client.js';
import { ArchiveRecord, type ArchiveBatchWriter, type ArchiveSink } from './archive-record.js';
import { ArchiveStats } from './archive-stats.js';

const GROUP = 'archive';
const FIELD = 'record';

export interface RedisStreamSinkOptions {
  client: RedisClient;
  prefix: string;
  writer: ArchiveBatchWriter;
  /** Entries read per batch (one database transaction). */
  batchSize?: number;
  /** How long an entry may sit unacknowledged with a consumer before another instance takes it. */
  reclaimAfterMs?: number;
  /** How long one blocking read waits, which also bounds how long `close()` takes. */
  blockMs?: number;
  /**
   * After a batch smaller than `batchSize`, how long to let the stream fill before reading again:
   * the entries of a few turns then share one transaction instead of one each.
   */
  lingerMs?: number;
  onError: (error: unknown) => void;
}

/**
 * Redis mode's archive path: `enqueue` is one XADD (durable once Redis has it, and pipelined with
 * the turn's other commands); every instance runs a consumer in one consumer group that writes
 * batches into PostgreSQL and acknowledges them only after the commit. A failed write is retried
 * from the consumer's pending list; entries of a consumer that died (SIGKILL) are taken over with
 * XAUTOCLAIM. An entry that does not parse goes to `<prefix>archive:dead` instead of blocking the rest.
 */
export class RedisStreamSink implements ArchiveSink {
  readonly stats = new ArchiveStats();
  private readonly key: string;
  private readonly deadKey: string;
  private readonly consumer = `consumer-${randomUUID()}`;
  private reader: RedisClient | undefined;
  private loop: Promise<void> | undefined;
  private stopping = false;

  constructor(private readonly options: RedisStreamSinkOptions) {
    this.key = `${options.prefix}archive`;
    this.deadKey = `${options.prefix}archive:dead`;
  }

  async enqueue(record: ArchiveRecord): Promise<void> {
    await this.options.client.xAdd(this.key, '*', { [FIELD]: JSON.stringify(record) });
  }

  /** Creates the group if needed and starts consuming on its own connection. */
  async start(): Promise<void> {
    try {
      await this.options.client.xGroupCreate(this.key, GROUP, '0', { MKSTREAM: true });
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith('BUSYGROUP'))) throw error;
    }
    const reader = this.options.client.duplicate();
    reader.on('error', (error: unknown) => this.options.onError(error));
    await reader.connect();
    this.reader = reader;
    this.loop = this.consume(reader);
  }

  /** Until the stream is empty: every entry written and acknowledged (by any instance). */
  async drain(timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((await this.options.client.xLen(this.key)) > 0) {
      if (Date.now() > deadline) throw new Error('The archive stream did not drain in time');
      await sleep(20);
    }
  }

  async close(): Promise<void> {
    this.stopping = true;
    await this.loop;
    if (this.reader?.isOpen) await this.reader.close();
  }

  private async consume(reader: RedisClient): Promise<void> {
    let delay = 100;
    let ownPendingFirst = true;
    let lastReclaim = 0;
    const reclaimAfterMs = this.options.reclaimAfterMs ?? 10_000;
    while (!this.stopping) {
      try {
        let entries = ownPendingFirst ? await this.read(reader, '0') : [];
        if (entries.length === 0 && Date.now() - lastReclaim > reclaimAfterMs / 2) {
          lastReclaim = Date.now();
          entries = await this.reclaim(reader, reclaimAfterMs);
        }
        if (entries.length === 0) entries = await this.read(reader, '>');
        ownPendingFirst = false;
        if (entries.length === 0) continue;
        await this.write(entries);
        delay = 100;
        if (entries.length < (this.options.batchSize ?? 500) && !this.stopping)
          await sleep(this.options.lingerMs ?? 20);
      } catch (error) {
        if (this.stopping) break;
        this.options.onError(error);
        ownPendingFirst = true;
        await sleep(delay);
        delay = Math.min(delay * 2, 5000);
      }
    }
  }

  private async read(reader: RedisClient, from: '0' | '>'): Promise<Entry[]> {
    const reply = await reader.xReadGroup(
      GROUP,
      this.consumer,
      { key: this.key, id: from },
      {
        COUNT: this.options.batchSize ?? 500,
        ...(from === '>' ? { BLOCK: this.options.blockMs ?? 1000 } : {}),
      },
    );
    const streams = StreamsReply.parse(reply) ?? [];
    return streams.flatMap((stream) => stream.messages.map(toEntry));
  }

  private async reclaim(reader: RedisClient, minIdleMs: number): Promise<Entry[]> {
    const { messages } = await reader.xAutoClaim(this.key, GROUP, this.consumer, minIdleMs, '0', {
      COUNT: this.options.batchSize ?? 500,
    });
    return messages.flatMap((message) => (message === null ? [] : [toEntry(message)]));
  }

  private async write(entries: Entry[]): Promise<void> {
    const good: { id: string; record: ArchiveRecord }[] = [];
    for (const entry of entries) {
      const record = parseRecord(entry.raw);
      if (record === undefined) {
        await this.options.client.xAdd(this.deadKey, '*', { [FIELD]: entry.raw ?? '' });
        this.options.onError(
          new Error(`Archive entry ${entry.id} is not a valid record; moved to ${this.deadKey}`),
        );
      } else good.push({ id: entry.id, record });
    }
    await this.stats.count(good.length, () => this.options.writer.write(good.map((g) => g.record)));
    const ids = entries.map((e) => e.id);
    await this.options.client.multi().xAck(this.key, GROUP, ids).xDel(this.key, ids).exec();
  }
}

const StreamMessage = z.object({ id: z.string(), message: z.record(z.string(), z.string()) });
/** XREADGROUP's reply as node-redis shapes it (RESP2): null when nothing arrived. */
const StreamsReply = z
  .array(z.object({ name: z.string(), messages: z.array(StreamMessage) }))
  .nullable();

interface Entry {
  id: string;
  raw: string | undefined;
}

function toEntry(message: { id: string; message: Record<string, string> }): Entry {
  return { id: message.id, raw: message.message[FIELD] };
}

function parseRecord(raw: string | undefined): ArchiveRecord | undefined {
  if (raw === undefined) return undefined;
  try {
    const parsed = ArchiveRecord.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
