import { describe, expect, it } from 'vitest';
import { IDEMPOTENCY_TTL_SECONDS } from '../../src/storage/idempotency.port.js';
import { MemoryIdempotencyStore } from '../../src/storage/memory.idempotency-store.js';
import { RedisIdempotencyStore } from '../../src/storage/redis.idempotency-store.js';
import { idempotencyContract } from '../contract/idempotency.contract.js';
import { redisAvailable } from '../support/redis.js';
import { redisScope } from '../support/redis-scope.js';

idempotencyContract('memory', () => new MemoryIdempotencyStore());

describe('MemoryIdempotencyStore expiry', () => {
  it('forgets a key after the TTL, as Redis does', async () => {
    let now = 0;
    const store = new MemoryIdempotencyStore(() => now);
    await store.claim('k', 'first', 1000);
    await store.complete('k');
    now += IDEMPOTENCY_TTL_SECONDS * 1000;
    expect(await store.claim('k', 'second', 1000)).toEqual({ state: 'claimed', id: 'second' });
  });
});

describe.runIf(await redisAvailable())('Redis', () => {
  const redis = redisScope('once');
  idempotencyContract('redis', () => new RedisIdempotencyStore(redis.client(), redis.prefix()));

  it('sets a TTL on claimed keys', async () => {
    const prefix = redis.prefix();
    const store = new RedisIdempotencyStore(redis.client(), prefix);
    await store.claim('k', 'id', 1000);
    await store.complete('k');
    const ttl = await redis.client().ttl(`${prefix}once:k`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(IDEMPOTENCY_TTL_SECONDS);
  });
});
