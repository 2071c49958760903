import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RedisClientType } from 'redis';

const WINDOW_SECONDS = 15 * 60;

/**
 * Failed-login throttle per username and address (rate-limiter-flexible): in memory when embedded,
 * in Redis when several instances share the load, so guessing cannot be spread across them.
 */
export class LoginLimiter {
  private readonly limiter: RateLimiterMemory | RateLimiterRedis;

  constructor(attempts: number, redis?: { client: RedisClientType; prefix: string }) {
    const options = { points: attempts, duration: WINDOW_SECONDS, keyPrefix: 'agent-login' };
    this.limiter =
      redis === undefined
        ? new RateLimiterMemory(options)
        : new RateLimiterRedis({
            ...options,
            storeClient: redis.client,
            useRedisPackage: true,
            keyPrefix: `${redis.prefix}agent-login`,
          });
  }

  /** Seconds until another attempt is allowed, or 0 when the key still has attempts left. */
  async blockedFor(key: string): Promise<number> {
    const state = await this.limiter.get(key);
    return state !== null && state.remainingPoints <= 0 ? Math.ceil(state.msBeforeNext / 1000) : 0;
  }

  async recordFailure(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
    }
  }

  async reset(key: string): Promise<void> {
    await this.limiter.delete(key);
  }
}
