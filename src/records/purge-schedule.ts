import { Queue, Worker, createNodeRedisClient } from 'bullmq';
import type { RedisClient } from '../storage/redis-client.js';

const QUEUE_NAME = 'records-purge';
/** 03:30 every night in the business time zone, when traffic is lowest. */
const NIGHTLY = '30 3 * * *';
const DAY_MS = 86_400_000;

export interface PurgeSchedule {
  stop(): Promise<void>;
}

/**
 * The nightly retention purge. Redis mode: a BullMQ job scheduler, so exactly one instance runs it
 * each night and a failed run is retried. Embedded: a timer in the process (first run a minute
 * after start, then daily).
 */
export async function schedulePurge(
  purge: () => Promise<unknown>,
  options: {
    redis?: { client: RedisClient; prefix: string };
    timeZone: string;
    onError: (error: unknown) => void;
  },
): Promise<PurgeSchedule> {
  const run = (): void => {
    purge().catch(options.onError);
  };
  if (options.redis === undefined) {
    const first = setTimeout(run, 60_000);
    const daily = setInterval(run, DAY_MS);
    first.unref();
    daily.unref();
    return {
      stop: () => {
        clearTimeout(first);
        clearInterval(daily);
        return Promise.resolve();
      },
    };
  }
  const { client, prefix } = options.redis;
  const bullPrefix = `${prefix}bull`;
  const queue = new Queue(QUEUE_NAME, {
    connection: createNodeRedisClient(client),
    prefix: bullPrefix,
  });
  queue.on('error', options.onError);
  await queue.upsertJobScheduler(
    'nightly',
    { pattern: NIGHTLY, tz: options.timeZone },
    {
      name: 'purge',
      opts: {
        attempts: 3,
        backoff: { type: 'exponential', delay: 60_000 },
        removeOnComplete: true,
        removeOnFail: 10,
      },
    },
  );
  const workerClient = client.duplicate();
  workerClient.on('error', options.onError);
  await workerClient.connect();
  const worker = new Worker(
    QUEUE_NAME,
    async () => {
      await purge();
    },
    { connection: createNodeRedisClient(workerClient), prefix: bullPrefix },
  );
  worker.on('error', options.onError);
  return {
    stop: async () => {
      await worker.close();
      await queue.close();
      if (workerClient.isOpen) await workerClient.close();
    },
  };
}
