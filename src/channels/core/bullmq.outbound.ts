import {
  DelayedError,
  Queue,
  UnrecoverableError,
  Worker,
  createNodeRedisClient,
  type Job,
} from 'bullmq';
import type { RedisClientType } from 'redis';
import { z } from 'zod';
import { PlatformRejection } from './channel.js';
import {
  backoffDelay,
  DEFAULT_BACKOFF,
  OutboundJob,
  type Backoff,
  type DeliverOne,
  type OnUndeliverable,
  type Outbound,
} from './outbound.js';

const QUEUE_NAME = 'channel-outbound';
const BACKOFF_TYPE = 'capped-exponential';
/** A job whose predecessor is not delivered yet looks again later: 200 ms, doubling to 5 s. */
const WAIT_FIRST_MS = 200;
const WAIT_MAX_MS = 5000;
/** The per-conversation counters outlive any job's retries (about a day) by far. */
const SEQUENCE_TTL_SECONDS = 30 * 24 * 3600;

/** The queued form: the job plus its place in its conversation's order. */
const QueuedJob = OutboundJob.extend({
  seq: z.number().int().positive(),
  /** How often it has waited for its predecessor so far. */
  waits: z.number().int().min(0).default(0),
});
type QueuedJob = z.output<typeof QueuedJob>;

export interface BullmqOutboundOptions {
  client: RedisClientType;
  /** REDIS_PREFIX; BullMQ keys go under `<prefix>bull`, like the handoff timers. */
  prefix: string;
  onError: (error: Error) => void;
  backoff?: Backoff;
}

/**
 * Redis mode: every outbound job is a BullMQ job until the platform accepts each of its messages.
 * A platform outage only delays it (capped exponential back-off for about a day); a killed instance
 * loses nothing (the job is in Redis; a stalled one is picked up again by any instance). Jobs of
 * one conversation are numbered when queued and delivered strictly in that order, on any instance:
 * a job whose predecessor is still retrying waits for it (without using up its own attempts).
 */
export class BullmqOutbound implements Outbound {
  private readonly queue: Queue;
  private readonly backoff: Backoff;
  private worker: Worker | undefined;
  private workerClient: RedisClientType | undefined;

  constructor(private readonly options: BullmqOutboundOptions) {
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.queue = new Queue(QUEUE_NAME, {
      connection: createNodeRedisClient(options.client),
      prefix: `${options.prefix}bull`,
    });
    this.queue.on('error', options.onError);
  }

  async enqueue(input: OutboundJob): Promise<void> {
    const job = OutboundJob.parse(input);
    const sequence = this.key(job.conversationId, 'queued');
    const seq = await this.options.client.incr(sequence);
    await this.options.client.expire(sequence, SEQUENCE_TTL_SECONDS);
    await this.queue.add('deliver', { ...job, seq } satisfies z.input<typeof QueuedJob>, {
      jobId: jobIdOf(job.conversationId, seq),
      attempts: this.backoff.attempts,
      backoff: { type: BACKOFF_TYPE },
      removeOnComplete: true,
      removeOnFail: 1000,
    });
  }

  async start(deliver: DeliverOne, onUndeliverable: OnUndeliverable): Promise<void> {
    const workerClient: RedisClientType = this.options.client.duplicate();
    workerClient.on('error', this.options.onError);
    await workerClient.connect();
    this.workerClient = workerClient;
    this.worker = new Worker(
      QUEUE_NAME,
      (job: Job, token?: string) => this.process(job, token, deliver, onUndeliverable),
      {
        connection: createNodeRedisClient(workerClient),
        prefix: `${this.options.prefix}bull`,
        // A send takes seconds at most; a crashed instance's job is picked up again within ~20 s.
        lockDuration: 15_000,
        stalledInterval: 5_000,
        settings: {
          backoffStrategy: (attemptsMade: number) => backoffDelay(this.backoff, attemptsMade),
        },
      },
    );
    this.worker.on('error', this.options.onError);
  }

  /** Worker first, then queue, then the worker's own connection (BullMQ's shutdown order). */
  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
    if (this.workerClient?.isOpen === true) await this.workerClient.close();
  }

  private async process(
    job: Job,
    token: string | undefined,
    deliver: DeliverOne,
    onUndeliverable: OnUndeliverable,
  ): Promise<void> {
    const data = QueuedJob.parse(job.data);
    const done = await this.delivered(data);
    if (data.seq <= done) return; // delivered before a crash, not yet marked complete
    if (data.seq > done + 1 && (await this.predecessorPending(data, done))) {
      const wait = Math.min(WAIT_FIRST_MS * 2 ** data.waits, WAIT_MAX_MS);
      await job.updateData({ ...data, waits: data.waits + 1 });
      await job.moveToDelayed(Date.now() + wait, token);
      throw new DelayedError();
    }
    for (let index = data.sent; index < data.messages.length; index += 1) {
      try {
        await deliver(data, index);
      } catch (error) {
        const cause = error instanceof Error ? error : new Error(String(error));
        const last =
          error instanceof PlatformRejection || job.attemptsMade + 1 >= this.backoff.attempts;
        if (!last) throw cause;
        await onUndeliverable(data, cause);
        await this.markDelivered(data);
        throw new UnrecoverableError(cause.message);
      }
      data.sent = index + 1;
      await job.updateData(data);
    }
    await this.markDelivered(data);
  }

  private async delivered(job: QueuedJob): Promise<number> {
    return Number((await this.options.client.get(this.key(job.conversationId, 'done'))) ?? 0);
  }

  /**
   * Whether an earlier job of the conversation still exists (waiting, retrying or running): the
   * one just before (which itself waits for its own) or the oldest undelivered. A job that vanished
   * without being marked — numbered but never added, or dropped — no longer blocks the line.
   */
  private async predecessorPending(job: QueuedJob, done: number): Promise<boolean> {
    for (const seq of new Set([job.seq - 1, done + 1]))
      if (await this.queue.getJob(jobIdOf(job.conversationId, seq))) return true;
    return false;
  }

  /** Records the conversation's delivered position; never moves it back. */
  private async markDelivered(job: QueuedJob): Promise<void> {
    const key = this.key(job.conversationId, 'done');
    if ((await this.delivered(job)) < job.seq)
      await this.options.client.set(key, String(job.seq), { EX: SEQUENCE_TTL_SECONDS });
  }

  private key(conversationId: string, which: 'queued' | 'done'): string {
    return `${this.options.prefix}channels:outbound:${conversationId}:${which}`;
  }
}

const jobIdOf = (conversationId: string, seq: number): string => `${conversationId}-${seq}`;
