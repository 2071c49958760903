import type { RedisClientType } from 'redis';
import { BullmqHandoffQueue } from '../../src/handoff/bullmq.handoff-queue.js';
import { MemoryHandoffQueue } from '../../src/handoff/memory.handoff-queue.js';
import { connectTestRedis, deleteByPrefix, redisAvailable, testPrefix } from '../support/redis.js';
import { handoffQueueContract } from '../contract/handoff-queue.contract.js';

handoffQueueContract('memory', () => {
  const queue = new MemoryHandoffQueue();
  return Promise.resolve({
    queue,
    // The embedded queue lives in one process: "another instance" is the same object.
    reopen: () => Promise.resolve(queue),
    cleanup: () => queue.shutdown(),
  });
});

if (await redisAvailable()) {
  handoffQueueContract('bullmq', async () => {
    const client: RedisClientType = await connectTestRedis();
    const prefix = testPrefix('handoff-queue');
    const open = (): BullmqHandoffQueue =>
      new BullmqHandoffQueue({ client, prefix, onError: () => undefined });
    const queue = open();
    return {
      queue,
      reopen: () => Promise.resolve(open()),
      cleanup: async () => {
        await queue.shutdown();
        await deleteByPrefix(client, prefix);
        await client.close();
      },
    };
  });
}
