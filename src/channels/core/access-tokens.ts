import { z } from 'zod';

/** A platform's answer to "give me a token": the token and how long the platform says it lives. */
export const AccessToken = z.object({
  token: z.string().min(1),
  expiresInSeconds: z.number().int().positive(),
});
export type AccessToken = z.infer<typeof AccessToken>;

/**
 * Platform access tokens (WeChat, WeCom) shared by every instance: fetched once, kept a little less
 * long than the platform says, refreshed by one caller at a time. WeChat invalidates the previous
 * token on each fetch and caps fetches per day, so per-instance caches would fight each other.
 */
export interface AccessTokenCache {
  /** The cached token for `key`, else the one `fetch` returns (one fetch at a time). */
  get(key: string, fetch: () => Promise<AccessToken>): Promise<string>;
  /** Forgets `token` (the platform called it invalid or expired) so the next `get` fetches anew. */
  invalidate(key: string, token: string): Promise<void>;
}

/** Seconds to keep a token: 5 minutes (at most a tenth of its life) before the platform's expiry. */
export function cacheSecondsFor(expiresInSeconds: number): number {
  return Math.max(1, expiresInSeconds - Math.min(300, Math.ceil(expiresInSeconds / 10)));
}

/** Joins concurrent calls for one key into a single promise while it is pending. */
export class SingleFlight<T> {
  private readonly pending = new Map<string, Promise<T>>();

  run(key: string, work: () => Promise<T>): Promise<T> {
    const known = this.pending.get(key);
    if (known) return known;
    const started = work().finally(() => this.pending.delete(key));
    this.pending.set(key, started);
    return started;
  }
}

/** Embedded mode: one process, one map. */
export class MemoryAccessTokenCache implements AccessTokenCache {
  private readonly tokens = new Map<string, { token: string; until: number }>();
  private readonly flights = new SingleFlight<string>();

  constructor(private readonly now: () => number = Date.now) {}

  get(key: string, fetch: () => Promise<AccessToken>): Promise<string> {
    const known = this.tokens.get(key);
    if (known && known.until > this.now()) return Promise.resolve(known.token);
    return this.flights.run(key, async () => {
      const fresh = AccessToken.parse(await fetch());
      const until = this.now() + cacheSecondsFor(fresh.expiresInSeconds) * 1000;
      this.tokens.set(key, { token: fresh.token, until });
      return fresh.token;
    });
  }

  invalidate(key: string, token: string): Promise<void> {
    if (this.tokens.get(key)?.token === token) this.tokens.delete(key);
    return Promise.resolve();
  }
}
