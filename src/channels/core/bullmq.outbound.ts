import { Queue, UnrecoverableError, Worker, createNodeRedisClient, type Job } from 'bullmq';
import type { RedisClientType } from 'redis';
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
 * loses nothing (the job is in Redis; a stalled one is picked up again by any instance).
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
    await this.queue.add('deliver', job, {
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
      (job: Job) => this.process(job, deliver, onUndeliverable),
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
    deliver: DeliverOne,
    onUndeliverable: OnUndeliverable,
  ): Promise<void> {
    const data = OutboundJob.parse(job.data);
    for (let index = data.sent; index < data.messages.length; index += 1) {
      try {
        await deliver(data, index);
      } catch (error) {
        const cause = error instanceof Error ? error : new Error(String(error));
        const last =
          error instanceof PlatformRejection || job.attemptsMade + 1 >= this.backoff.attempts;
        if (!last) throw cause;
        await onUndeliverable(data, cause);
        throw new UnrecoverableError(cause.message);
      }
      data.sent = index + 1;
      await job.updateData(data);
    }
  }
}
