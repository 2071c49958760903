import {
  RateLimiterMemory,
  RateLimiterRedis,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { takeOrWait } from '../storage/rate-limit.js';
import type { RedisClientType } from 'redis';

/** One address may try this many times the per-username allowance (an office behind one NAT). */
const ADDRESS_FACTOR = 4;

export type LoginLimits = { attempts: number; windowSeconds: number };

/**
 * Login throttle per username and per client address (rate-limiter-flexible), in memory when
 * embedded and in Redis across instances. An attempt is consumed atomically *before* the password
 * is checked, so a burst of concurrent guesses gets at most `attempts` checks and the rest 429.
 */
export class LoginLimiter {
  private readonly byUser: RateLimiterAbstract;
  private readonly byAddress: RateLimiterAbstract;

  constructor(limits: LoginLimits, redis?: { client: RedisClientType; prefix: string }) {
    const make = (name: string, points: number): RateLimiterAbstract => {
      const options = { points, duration: limits.windowSeconds };
      return redis === undefined
        ? new RateLimiterMemory({ ...options, keyPrefix: `agent-login-${name}` })
        : new RateLimiterRedis({
            ...options,
            storeClient: redis.client,
            useRedisPackage: true,
            keyPrefix: `${redis.prefix}agent-login-${name}`,
          });
    };
    this.byUser = make('user', limits.attempts);
    this.byAddress = make('addr', limits.attempts * ADDRESS_FACTOR);
  }

  /** Takes one attempt for both keys: 0 when the password may be checked, else seconds to wait. */
  async acquire(username: string, address: string): Promise<number> {
    const [user, addr] = await Promise.all([
      takeOrWait(this.byUser, username),
      takeOrWait(this.byAddress, address),
    ]);
    return Math.max(user, addr);
  }

  /** After a successful login the username's failures are forgiven; the address's are not. */
  async succeeded(username: string): Promise<void> {
    await this.byUser.delete(username);
  }
}
