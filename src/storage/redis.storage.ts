import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { RedisClient } from './redis-client.js';

/** Writes only when the caller's eTag is absent, `*`, or still current — atomically, inside Redis. */
const WRITE_IF_CURRENT = `
local current = redis.call('HGET', KEYS[1], 'e')
if ARGV[1] ~= '' and ARGV[1] ~= '*' and current and current ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'e', ARGV[3], 'v', ARGV[2])
if ARGV[4] ~= '' then redis.call('EXPIRE', KEYS[1], ARGV[4]) end
return 1`;

/**
 * botbuilder `Storage` over Redis with the same optimistic concurrency as botbuilder's MemoryStorage:
 * a write carrying a stale eTag fails, `*` or no eTag overwrites, every write gets a fresh eTag.
 * With `ttlSeconds`, every key expires that long after it was last read or written (idle sessions
 * and bot state do not live forever; the system of record keeps what must last).
 */
export class RedisStorage implements Storage {
  constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
    private readonly ttlSeconds?: number,
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    const reading = Promise.all(keys.map((key) => this.client.hmGet(this.keyOf(key), ['e', 'v'])));
    // Reading is activity: the TTL is refreshed in the same pipelined batch (no-op when missing).
    const ttl = this.ttlSeconds;
    const touching =
      ttl === undefined
        ? Promise.resolve([])
        : Promise.all(keys.map((key) => this.client.expire(this.keyOf(key), Math.ceil(ttl))));
    const [rows] = await Promise.all([reading, touching]);
    keys.forEach((key, index) => {
      const [eTag, value] = rows[index] ?? [];
      if (typeof eTag === 'string' && typeof value === 'string') {
        items[key] = { ...(JSON.parse(value) as Record<string, unknown>), eTag };
      }
    });
    return items;
  }

  /** Keys are independent, each write atomic: sent together, one pipelined round trip. */
  async write(changes: StoreItems): Promise<void> {
    await Promise.all(
      Object.entries(changes).map(async ([key, item]) => {
        const { eTag, ...value } = (item ?? {}) as { eTag?: unknown };
        const written = await this.client.eval(WRITE_IF_CURRENT, {
          keys: [this.keyOf(key)],
          arguments: [
            typeof eTag === 'string' ? eTag : '',
            JSON.stringify(value),
            randomUUID(),
            this.ttlSeconds === undefined ? '' : String(Math.ceil(this.ttlSeconds)),
          ],
        });
        if (written !== 1) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      }),
    );
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.client.unlink(keys.map((key) => this.keyOf(key)));
  }

  private keyOf(key: string): string {
    return `${this.prefix}state:${key}`;
  }
}
