import { randomUUID } from 'node:crypto';
import { createClient, type RedisClientType } from 'redis';

/** The Redis the tests use: REDIS_URL, else the local default. */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Whether Redis-backed suites run. Under CI a missing Redis is a failure, never a silent skip,
 * so this only returns false outside CI.
 */
export async function redisAvailable(): Promise<boolean> {
  const client = createClient({
    url: TEST_REDIS_URL,
    socket: { reconnectStrategy: false, connectTimeout: 1000 },
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch (error) {
    if (process.env.CI === 'true')
      throw new Error(`CI=true but Redis at ${TEST_REDIS_URL} is unreachable`, { cause: error });
    return false;
  } finally {
    if (client.isOpen) await client.close();
  }
}

/** A unique key prefix per test, so suites never touch each other's keys. */
export function testPrefix(suite: string): string {
  return `qt-test:${suite}:${randomUUID()}:`;
}

/** Deletes every key under a prefix (SCAN + UNLINK; never FLUSHALL). */
export async function deleteByPrefix(client: RedisClientType, prefix: string): Promise<void> {
  for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
    if (keys.length > 0) await client.unlink(keys);
  }
}

export async function connectTestRedis(): Promise<RedisClientType> {
  const client: RedisClientType = createClient({ url: TEST_REDIS_URL });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}
