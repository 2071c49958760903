import { IDEMPOTENCY_TTL_SECONDS, type IdempotencyStore } from './idempotency.port.js';
import type { RedisClient } from './redis-client.js';

/** `SET NX GET`: one round trip decides which instance's id wins. */
export class RedisIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
  ) {}

  async remember(key: string, id: string): Promise<string> {
    const previous = await this.client.set(`${this.prefix}once:${key}`, id, {
      condition: 'NX',
      GET: true,
      expiration: { type: 'EX', value: IDEMPOTENCY_TTL_SECONDS },
    });
    return typeof previous === 'string' ? previous : id;
  }
}
