import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import type { RedisClientType } from 'redis';
import {
  AccessToken,
  cacheSecondsFor,
  SingleFlight,
  type AccessTokenCache,
} from './access-tokens.js';

const LOCK_MS = 10_000;
const POLL_MS = 100;

/** Deletes the key only while it still holds the value we set (a lock or a token). */
const DELETE_IF_EQUAL = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * Redis mode: the token is a key with a TTL a little under the platform's `expires_in`. A missing
 * token is fetched by whichever instance takes the refresh lock (SET NX PX); the others wait for
 * the key to appear, so a burst across instances costs one platform call.
 */
export class RedisAccessTokenCache implements AccessTokenCache {
  private readonly flights = new SingleFlight<string>();

  constructor(
    private readonly client: RedisClientType,
    private readonly prefix: string,
  ) {}

  async get(key: string, fetch: () => Promise<AccessToken>): Promise<string> {
    const cached = await this.client.get(this.tokenKey(key));
    if (cached !== null) return cached;
    return this.flights.run(key, () => this.refresh(key, fetch));
  }

  async invalidate(key: string, token: string): Promise<void> {
    await this.client.eval(DELETE_IF_EQUAL, { keys: [this.tokenKey(key)], arguments: [token] });
  }

  private async refresh(key: string, fetch: () => Promise<AccessToken>): Promise<string> {
    const lockKey = `${this.tokenKey(key)}:refresh`;
    const holder = randomUUID();
    const deadline = Date.now() + LOCK_MS;
    while (Date.now() < deadline) {
      const cached = await this.client.get(this.tokenKey(key));
      if (cached !== null) return cached;
      const locked = await this.client.set(lockKey, holder, { NX: true, PX: LOCK_MS });
      if (locked === 'OK') {
        try {
          const fresh = AccessToken.parse(await fetch());
          await this.client.set(this.tokenKey(key), fresh.token, {
            EX: cacheSecondsFor(fresh.expiresInSeconds),
          });
          return fresh.token;
        } finally {
          await this.client.eval(DELETE_IF_EQUAL, { keys: [lockKey], arguments: [holder] });
        }
      }
      await sleep(POLL_MS);
    }
    throw new Error(
      `access token ${key}: another instance held the refresh lock for ${LOCK_MS} ms`,
    );
  }

  private tokenKey(key: string): string {
    return `${this.prefix}channels:token:${key}`;
  }
}
