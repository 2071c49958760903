import {
  IDEMPOTENCY_TTL_SECONDS,
  type IdempotencyStore,
  type TurnClaim,
} from './idempotency.port.js';

type Entry = { id: string; done: boolean; leaseUntil: number; expires: number };

/** Embedded-mode twin of the Redis store, leases and expiry included. */
export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly entries = new Map<string, Entry>();
  private writes = 0;

  constructor(private readonly now: () => number = Date.now) {}

  claim(key: string, id: string, leaseMs: number): Promise<TurnClaim> {
    const now = this.now();
    const existing = this.entries.get(key);
    if (existing !== undefined && existing.expires > now) {
      if (existing.done) return Promise.resolve({ state: 'done', id: existing.id });
      if (existing.leaseUntil > now)
        return Promise.resolve({ state: 'in_progress', id: existing.id });
      existing.leaseUntil = now + leaseMs;
      return Promise.resolve({ state: 'claimed', id: existing.id });
    }
    if (++this.writes % 1024 === 0) this.sweep(now);
    const expires = now + IDEMPOTENCY_TTL_SECONDS * 1000;
    this.entries.set(key, { id, done: false, leaseUntil: now + leaseMs, expires });
    return Promise.resolve({ state: 'claimed', id });
  }

  complete(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (entry !== undefined) entry.done = true;
    return Promise.resolve();
  }

  release(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (entry !== undefined && !entry.done) entry.leaseUntil = 0;
    return Promise.resolve();
  }

  forget(key: string): Promise<void> {
    if (this.entries.get(key)?.done === false) this.entries.delete(key);
    return Promise.resolve();
  }

  /** Drops expired entries so a long-running embedded server does not grow without bound. */
  private sweep(now: number): void {
    for (const [key, entry] of this.entries) if (entry.expires <= now) this.entries.delete(key);
  }
}
