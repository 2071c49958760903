import type { RedisClientType } from 'redis';
import { afterAll, beforeAll } from 'vitest';
import { connectTestRedis, deleteByPrefix, testPrefix } from './redis.js';

/**
 * One Redis connection for a describe block and a fresh key prefix per call, all deleted afterwards;
 * call it inside a `describe` guarded by `redisAvailable()`.
 */
export function redisScope(suite: string): { client(): RedisClientType; prefix(): string } {
  let connected: RedisClientType | undefined;
  const prefixes: string[] = [];
  beforeAll(async () => {
    connected = await connectTestRedis();
  });
  afterAll(async () => {
    if (!connected) return;
    for (const prefix of prefixes) await deleteByPrefix(connected, prefix);
    await connected.close();
  });
  return {
    client() {
      if (!connected) throw new Error('redisScope used outside its describe block');
      return connected;
    },
    prefix() {
      const prefix = testPrefix(suite);
      prefixes.push(prefix);
      return prefix;
    },
  };
}
