import { describe } from 'vitest';
import { MemoryAgentPresence } from '../../src/handoff/memory.agent-presence.js';
import { RedisAgentPresence } from '../../src/handoff/redis.agent-presence.js';
import { agentPresenceContract } from '../contract/agent-presence.contract.js';
import { redisAvailable } from '../support/redis.js';
import { redisScope } from '../support/redis-scope.js';

agentPresenceContract('memory', (ttlMs) => new MemoryAgentPresence(ttlMs));

describe.runIf(await redisAvailable())('Redis', () => {
  const redis = redisScope('presence');
  agentPresenceContract(
    'redis',
    (ttlMs) => new RedisAgentPresence(redis.client(), redis.prefix(), ttlMs),
  );
});
