import { Queue, Worker, createNodeRedisClient } from 'bullmq';
import type { RedisClientType } from 'redis';
import { HandoffTimer, type TimerKind } from './handoff.js';

const QUEUE_NAME = 'handoff-timers';
const ATTEMPTS = 3;
const BACKOFF_MS = 500;

/**
 * SLA-breach alerts, follow-up (回访) reminders and disconnect grace periods as BullMQ delayed jobs:
 * they survive a restart, run once across instances and are retried with back-off when the handler
 * throws. Job ids are `<kind>-<handoffId>` so a reschedule replaces and a cancel finds them.
 */
export class BullmqHandoffTimers {
  private readonly queue: Queue;
  private worker: Worker | undefined;
  private workerClient: RedisClientType | undefined;

  constructor(
    private readonly client: RedisClientType,
    private readonly bullPrefix: string,
    private readonly onError: (error: Error) => void,
  ) {
    this.queue = new Queue(QUEUE_NAME, {
      connection: createNodeRedisClient(client),
      prefix: bullPrefix,
    });
    this.queue.on('error', onError);
  }

  async schedule(timer: HandoffTimer, at: Date): Promise<void> {
    const jobId = jobIdOf(timer.kind, timer.handoffId);
    await this.queue.remove(jobId);
    await this.queue.add(timer.kind, timer, {
      jobId,
      delay: Math.max(0, at.getTime() - Date.now()),
      attempts: ATTEMPTS,
      backoff: { type: 'exponential', delay: BACKOFF_MS },
      removeOnComplete: true,
      removeOnFail: 100,
    });
  }

  async cancel(kind: TimerKind, handoffId: string): Promise<void> {
    await this.queue.remove(jobIdOf(kind, handoffId));
  }

  /** Starts the worker on its own connection (a worker blocks while waiting for jobs). */
  async start(handler: (timer: HandoffTimer) => Promise<void>): Promise<void> {
    const workerClient: RedisClientType = this.client.duplicate();
    workerClient.on('error', this.onError);
    await workerClient.connect();
    this.workerClient = workerClient;
    this.worker = new Worker(QUEUE_NAME, (job) => handler(HandoffTimer.parse(job.data)), {
      connection: createNodeRedisClient(workerClient),
      prefix: this.bullPrefix,
    });
    this.worker.on('error', this.onError);
  }

  /** Worker first, then queue, then the worker's own connection (BullMQ's shutdown order). */
  async shutdown(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
    if (this.workerClient?.isOpen === true) await this.workerClient.close();
  }
}

function jobIdOf(kind: TimerKind, handoffId: string): string {
  return `${kind}-${handoffId}`;
}
