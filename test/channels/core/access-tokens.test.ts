import { describe, expect, it } from 'vitest';
import {
  cacheSecondsFor,
  MemoryAccessTokenCache,
  type AccessToken,
  type AccessTokenCache,
} from '../../../src/channels/core/access-tokens.js';
import { RedisAccessTokenCache } from '../../../src/channels/core/redis.access-tokens.js';
import { redisAvailable } from '../../support/redis.js';
import { redisScope } from '../../support/redis-scope.js';

/** A platform token endpoint that counts its calls and answers after a short delay. */
function tokenEndpoint(expiresInSeconds = 7200) {
  let calls = 0;
  return {
    calls: () => calls,
    fetch: async (): Promise<AccessToken> => {
      calls += 1;
      const serial = calls;
      await new Promise((resolve) => setTimeout(resolve, 30));
      return { token: `token-${serial}`, expiresInSeconds };
    },
  };
}

/** The contract every AccessTokenCache keeps; `caches` gives two views of one shared store. */
function accessTokenContract(name: string, caches: () => [AccessTokenCache, AccessTokenCache]) {
  describe(`${name} access-token cache`, () => {
    it('fetches once for concurrent callers, on one or two instances, then serves the cache', async () => {
      const [one, two] = caches();
      const endpoint = tokenEndpoint();
      const tokens = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? one : two).get('app', endpoint.fetch)),
      );
      expect(new Set(tokens)).toEqual(new Set(['token-1']));
      expect(await two.get('app', endpoint.fetch)).toBe('token-1');
      expect(endpoint.calls()).toBe(1);
    });

    it('refetches after invalidate, and ignores invalidating a token already replaced', async () => {
      const [one, two] = caches();
      const endpoint = tokenEndpoint();
      const first = await one.get('app', endpoint.fetch);
      await two.invalidate('app', first);
      const second = await one.get('app', endpoint.fetch);
      expect(second).toBe('token-2');
      await one.invalidate('app', first);
      expect(await two.get('app', endpoint.fetch)).toBe('token-2');
      expect(endpoint.calls()).toBe(2);
    });

    it('keeps tokens of different keys apart and passes a failed fetch to the caller', async () => {
      const [one] = caches();
      const endpoint = tokenEndpoint();
      expect(await one.get('a', endpoint.fetch)).toBe('token-1');
      expect(await one.get('b', endpoint.fetch)).toBe('token-2');
      await expect(one.get('c', () => Promise.reject(new Error('secret refused')))).rejects.toThrow(
        'secret refused',
      );
      expect(await one.get('c', endpoint.fetch)).toBe('token-3');
    });
  });
}

describe('cacheSecondsFor', () => {
  it('keeps a token 5 minutes (at most a tenth of its life) less than the platform says', () => {
    expect(cacheSecondsFor(7200)).toBe(6900);
    expect(cacheSecondsFor(600)).toBe(540);
    expect(cacheSecondsFor(1)).toBe(1);
  });
});

accessTokenContract('memory', () => {
  const shared = new MemoryAccessTokenCache();
  return [shared, shared];
});

it('memory cache refetches once the kept time is over', async () => {
  let now = 0;
  const cache = new MemoryAccessTokenCache(() => now);
  const endpoint = tokenEndpoint(100);
  await cache.get('app', endpoint.fetch);
  now = 89_000;
  expect(await cache.get('app', endpoint.fetch)).toBe('token-1');
  now = 91_000;
  expect(await cache.get('app', endpoint.fetch)).toBe('token-2');
});

describe.runIf(await redisAvailable())('Redis', () => {
  const redis = redisScope('access-tokens');
  accessTokenContract('redis', () => {
    const prefix = redis.prefix();
    return [
      new RedisAccessTokenCache(redis.client(), prefix),
      new RedisAccessTokenCache(redis.client(), prefix),
    ];
  });

  it('stores the token with a TTL under expires_in', async () => {
    const prefix = redis.prefix();
    const cache = new RedisAccessTokenCache(redis.client(), prefix);
    await cache.get('wechat:app', tokenEndpoint(7200).fetch);
    const ttl = await redis.client().ttl(`${prefix}channels:token:wechat:app`);
    expect(ttl).toBeGreaterThan(6800);
    expect(ttl).toBeLessThanOrEqual(6900);
  });
});
