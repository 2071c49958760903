import { IDEMPOTENCY_TTL_SECONDS, type IdempotencyStore } from './idempotency.port.js';

/** Embedded-mode twin of the Redis store, expiry included. */
export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly entries = new Map<string, { id: string; expires: number }>();
  private writes = 0;

  constructor(private readonly now: () => number = Date.now) {}

  remember(key: string, id: string): Promise<string> {
    const existing = this.entries.get(key);
    if (existing && existing.expires > this.now()) return Promise.resolve(existing.id);
    if (++this.writes % 1024 === 0) this.sweep();
    this.entries.set(key, { id, expires: this.now() + IDEMPOTENCY_TTL_SECONDS * 1000 });
    return Promise.resolve(id);
  }

  /** Drops expired entries so a long-running embedded server does not grow without bound. */
  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expires <= now) this.entries.delete(key);
  }
}
