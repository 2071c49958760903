import { MemoryStorage } from 'botbuilder';
import { describe } from 'vitest';
import { RedisStorage } from '../../src/storage/redis.storage.js';
import { storageContract } from '../contract/storage.contract.js';
import { redisAvailable } from '../support/redis.js';
import { redisScope } from '../support/redis-scope.js';

storageContract('botbuilder MemoryStorage', () => new MemoryStorage());

describe.skipIf(!(await redisAvailable()))('Redis', () => {
  const redis = redisScope('storage');
  storageContract('RedisStorage', () => new RedisStorage(redis.client(), redis.prefix()));
});
