import { describe } from 'vitest';
import { MemoryInstanceRegistry } from '../../src/admin/memory.instance-registry.js';
import { RedisInstanceRegistry } from '../../src/admin/redis.instance-registry.js';
import { instanceRegistryContract } from '../contract/instance-registry.contract.js';
import { redisAvailable } from '../support/redis.js';
import { redisScope } from '../support/redis-scope.js';

instanceRegistryContract('memory', (ttlMs) => new MemoryInstanceRegistry(ttlMs));

describe.runIf(await redisAvailable())('Redis', () => {
  const redis = redisScope('instances');
  instanceRegistryContract(
    'redis',
    (ttlMs) => new RedisInstanceRegistry(redis.client(), redis.prefix(), ttlMs),
  );
});
