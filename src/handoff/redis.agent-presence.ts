import type { RedisClientType } from 'redis';
import { z } from 'zod';
import type { AgentPresence } from './agent-presence.port.js';

/** Redis's clock in ms, so instances need not agree on the time. */
const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** KEYS: consoles of the agent, agents index. ARGV: agent, connection, ttl ms. */
const BEAT = `${NOW}
local untilMs = now + tonumber(ARGV[3])
redis.call('ZADD', KEYS[1], untilMs, ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3] * 2)
redis.call('ZADD', KEYS[2], 'GT', untilMs, ARGV[1])
return 1`;

/** Removes the console; the agent leaves the index when nothing live is left. */
const LEAVE = `${NOW}
redis.call('ZREM', KEYS[1], ARGV[2])
if redis.call('ZCOUNT', KEYS[1], '(' .. now, '+inf') > 0 then return 1 end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return 0`;

/** Takes every lapsed agent out of the index at once, so exactly one caller reports each. */
const LAPSED = `${NOW}
local gone = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)
for _, agent in ipairs(gone) do redis.call('ZREM', KEYS[1], agent) end
return gone`;

const Agents = z.array(z.string());

/**
 * Presence as two sorted sets scored by lease end: each agent's consoles (expiring on their own),
 * and the agents index (scored by their latest lease). The index has no TTL on purpose: after a
 * restart of every instance it still names the agents whose cases must be requeued. Its size is
 * the number of agents. Changed only by the scripts above.
 */
export class RedisAgentPresence implements AgentPresence {
  constructor(
    private readonly client: RedisClientType,
    private readonly prefix: string,
    private readonly ttlMs: number,
  ) {}

  async beat(agent: string, connectionId: string): Promise<void> {
    await this.client.eval(BEAT, {
      keys: [this.consolesOf(agent), this.index()],
      arguments: [agent, connectionId, String(this.ttlMs)],
    });
  }

  async leave(agent: string, connectionId: string): Promise<boolean> {
    const live = await this.client.eval(LEAVE, {
      keys: [this.consolesOf(agent), this.index()],
      arguments: [agent, connectionId],
    });
    return live === 1;
  }

  async online(): Promise<string[]> {
    const [seconds, micros] = await this.client.time();
    const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    return this.client.zRangeByScore(this.index(), `(${now}`, '+inf');
  }

  async lapsed(): Promise<string[]> {
    return Agents.parse(await this.client.eval(LAPSED, { keys: [this.index()] }));
  }

  private index(): string {
    return `${this.prefix}presence:agents`;
  }

  private consolesOf(agent: string): string {
    return `${this.prefix}presence:consoles:${agent}`;
  }
}
