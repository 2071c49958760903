import { z } from 'zod';
import {
  IDEMPOTENCY_TTL_SECONDS,
  type IdempotencyStore,
  type TurnClaim,
} from './idempotency.port.js';
import type { RedisClient } from './redis-client.js';

/** Decides and records a claim in one step, on Redis's clock so instances need not agree on time. */
const CLAIM = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local v = redis.call('HMGET', KEYS[1], 'id', 'done', 'lease')
if v[1] then
  if v[2] == '1' then return {'done', v[1]} end
  if tonumber(v[3]) > now then return {'in_progress', v[1]} end
  redis.call('HSET', KEYS[1], 'lease', now + tonumber(ARGV[2]))
  return {'claimed', v[1]}
end
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'done', '0', 'lease', now + tonumber(ARGV[2]))
redis.call('EXPIRE', KEYS[1], ARGV[3])
return {'claimed', ARGV[1]}`;

/** Only an existing, unfinished record changes; a key that expired stays gone. */
const RELEASE = `
if redis.call('HGET', KEYS[1], 'done') == '0' then redis.call('HSET', KEYS[1], 'lease', 0) end
return 1`;
const COMPLETE = `
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'done', '1') end
return 1`;

const FORGET = `
if redis.call('HGET', KEYS[1], 'done') == '0' then redis.call('DEL', KEYS[1]) end
return 1`;

const ClaimReply = z.tuple([z.enum(['claimed', 'in_progress', 'done']), z.string()]);

/** One hash per client message id (`id`, `done`, `lease`), changed only by the scripts above. */
export class RedisIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
  ) {}

  async claim(key: string, id: string, leaseMs: number): Promise<TurnClaim> {
    const reply = await this.client.eval(CLAIM, {
      keys: [this.keyOf(key)],
      arguments: [id, String(Math.ceil(leaseMs)), String(IDEMPOTENCY_TTL_SECONDS)],
    });
    const [state, claimed] = ClaimReply.parse(reply);
    return { state, id: claimed };
  }

  async complete(key: string): Promise<void> {
    await this.client.eval(COMPLETE, { keys: [this.keyOf(key)] });
  }

  async release(key: string): Promise<void> {
    await this.client.eval(RELEASE, { keys: [this.keyOf(key)] });
  }

  async forget(key: string): Promise<void> {
    await this.client.eval(FORGET, { keys: [this.keyOf(key)] });
  }

  private keyOf(key: string): string {
    return `${this.prefix}once:${key}`;
  }
}
