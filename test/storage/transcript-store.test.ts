import { describe } from 'vitest';
import { MemoryTranscriptStore } from '../../src/storage/memory.transcript-store.js';
import { RedisTranscriptStore } from '../../src/storage/redis.transcript-store.js';
import { transcriptContract } from '../contract/transcript.contract.js';
import { redisAvailable } from '../support/redis.js';
import { redisScope } from '../support/redis-scope.js';

transcriptContract('memory', () => new MemoryTranscriptStore());

describe.skipIf(!(await redisAvailable()))('Redis', () => {
  const redis = redisScope('transcript');
  transcriptContract('redis', () => new RedisTranscriptStore(redis.client(), redis.prefix()));
});
