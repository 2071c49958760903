import type { RedisClientType } from 'redis';
import { z } from 'zod';
import type { AgentPresence } from './agent-presence.port.js';
import { Availability, type AgentStatus } from './availability.js';

/** Redis's clock in ms, so instances need not agree on the time. */
const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * KEYS: consoles of the agent, agents index, the agent's status. ARGV: agent, connection, ttl ms.
 * A first console (no status kept) starts `online`; the status outlives the consoles by 2 × ttl.
 */
const BEAT = `${NOW}
local untilMs = now + tonumber(ARGV[3])
redis.call('ZADD', KEYS[1], untilMs, ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3] * 2)
redis.call('ZADD', KEYS[2], 'GT', untilMs, ARGV[1])
if redis.call('HSETNX', KEYS[3], 'availability', 'online') == 1 then
  redis.call('HSET', KEYS[3], 'since', now)
end
redis.call('PEXPIRE', KEYS[3], ARGV[3] * 2)
return 1`;

/** KEYS: consoles of the agent, their status. ARGV: availability, ttl ms. 0 without a live console. */
const SET_AVAILABILITY = `${NOW}
if redis.call('ZCOUNT', KEYS[1], '(' .. now, '+inf') == 0 then return 0 end
if redis.call('HGET', KEYS[2], 'availability') ~= ARGV[1] then
  redis.call('HSET', KEYS[2], 'availability', ARGV[1], 'since', now)
end
redis.call('PEXPIRE', KEYS[2], ARGV[2] * 2)
return 1`;

/** KEYS: the agent's status. Restarts their idle time if a status is kept. */
const TOUCH = `${NOW}
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'since', now) end
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
const Kept = z.object({ availability: Availability, since: z.coerce.number() }).partial();

/**
 * Presence as two sorted sets scored by lease end: each agent's consoles (expiring on their own),
 * and the agents index (scored by their latest lease). The index has no TTL on purpose: after a
 * restart of every instance it still names the agents whose cases must be requeued. Its size is
 * the number of agents. Each agent's availability is a hash (availability, since) that outlives
 * their consoles by twice the lease, so a reload keeps it. Changed only by the scripts above.
 */
export class RedisAgentPresence implements AgentPresence {
  constructor(
    private readonly client: RedisClientType,
    private readonly prefix: string,
    private readonly ttlMs: number,
  ) {}

  async beat(agent: string, connectionId: string): Promise<void> {
    await this.client.eval(BEAT, {
      keys: [this.consolesOf(agent), this.index(), this.statusOf(agent)],
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
    return this.client.zRangeByScore(this.index(), `(${await this.redisNow()}`, '+inf');
  }

  async lapsed(): Promise<string[]> {
    return Agents.parse(await this.client.eval(LAPSED, { keys: [this.index()] }));
  }

  async setAvailability(agent: string, availability: Availability): Promise<boolean> {
    const set = await this.client.eval(SET_AVAILABILITY, {
      keys: [this.consolesOf(agent), this.statusOf(agent)],
      arguments: [availability, String(this.ttlMs)],
    });
    return set === 1;
  }

  async availabilityOf(agent: string): Promise<Availability | undefined> {
    const kept = await this.client.hGet(this.statusOf(agent), 'availability');
    return kept === null || kept === undefined ? undefined : Availability.parse(kept);
  }

  async statuses(): Promise<AgentStatus[]> {
    const now = await this.redisNow();
    const agents = (await this.online()).sort();
    const kept = await Promise.all(agents.map((a) => this.client.hGetAll(this.statusOf(a))));
    return agents.map((agent, i) => {
      const { availability = 'online', since = now } = Kept.parse(kept[i]);
      return { agent, availability, since };
    });
  }

  async touch(agent: string): Promise<void> {
    await this.client.eval(TOUCH, { keys: [this.statusOf(agent)] });
  }

  private async redisNow(): Promise<number> {
    const [seconds, micros] = await this.client.time();
    return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
  }

  private statusOf(agent: string): string {
    return `${this.prefix}presence:status:${agent}`;
  }

  private index(): string {
    return `${this.prefix}presence:agents`;
  }

  private consolesOf(agent: string): string {
    return `${this.prefix}presence:consoles:${agent}`;
  }
}
