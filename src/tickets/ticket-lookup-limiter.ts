import {
  RateLimiterMemory,
  RateLimiterRedis,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { takeOrWait } from '../storage/rate-limit.js';
import type { RedisClientType } from 'redis';
import type { Requester } from './ticket-access.js';

export interface TicketLookupLimits {
  /** Lookups of tickets not one's own (and proof attempts) per conversation per window. */
  perSession: number;
  /** The same per client address, across all its conversations. */
  perAddress: number;
  windowSeconds: number;
}

export const DEFAULT_TICKET_LOOKUP_LIMITS: TicketLookupLimits = {
  perSession: 5,
  perAddress: 20,
  windowSeconds: 900,
};

/**
 * Throttles lookups by ticket number per session and per client address (rate-limiter-flexible:
 * in memory when embedded, in Redis when instances share the load, so guessing cannot be spread).
 */
export class TicketLookupLimiter {
  private readonly session: RateLimiterAbstract;
  private readonly address: RateLimiterAbstract;

  constructor(
    limits: TicketLookupLimits = DEFAULT_TICKET_LOOKUP_LIMITS,
    redis?: { client: RedisClientType; prefix: string },
  ) {
    const make = (points: number, name: string): RateLimiterAbstract => {
      const options = { points, duration: limits.windowSeconds };
      return redis === undefined
        ? new RateLimiterMemory({ ...options, keyPrefix: `ticket-lookup:${name}` })
        : new RateLimiterRedis({
            ...options,
            storeClient: redis.client,
            useRedisPackage: true,
            keyPrefix: `${redis.prefix}ticket-lookup:${name}`,
          });
    };
    this.session = make(limits.perSession, 'session');
    this.address = make(limits.perAddress, 'address');
  }

  /** Takes one lookup; 0 when allowed, else the seconds until the next one is. */
  async take(requester: Requester): Promise<number> {
    const waits = await Promise.all([
      takeOrWait(this.session, requester.conversationId),
      requester.clientAddress === undefined ? 0 : takeOrWait(this.address, requester.clientAddress),
    ]);
    return Math.max(...waits);
  }
}
