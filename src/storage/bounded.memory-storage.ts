import type { Storage, StoreItems } from 'botbuilder';
import { RecencyMap } from './recency-map.js';

export type BoundedStorageLimits = { maxKeys: number; ttlMs: number };

/**
 * Embedded-mode botbuilder `Storage` that behaves like botbuilder's MemoryStorage (values
 * round-trip through JSON, stale eTags are refused) but forgets: idle keys expire after the session
 * TTL and the least recently used go beyond a cap, so a long-running server does not grow forever.
 */
export class BoundedMemoryStorage implements Storage {
  private readonly items: RecencyMap<{ json: string; eTag: string }>;
  private eTags = 0;

  constructor(limits: BoundedStorageLimits, now: () => number = Date.now) {
    this.items = new RecencyMap(limits.maxKeys, limits.ttlMs, now);
  }

  read(keys: string[]): Promise<StoreItems> {
    const found: StoreItems = {};
    for (const key of keys) {
      const item = this.items.get(key);
      if (item !== undefined)
        found[key] = { ...(JSON.parse(item.json) as Record<string, unknown>), eTag: item.eTag };
    }
    return Promise.resolve(found);
  }

  write(changes: StoreItems): Promise<void> {
    for (const [key, change] of Object.entries(changes)) {
      const { eTag, ...value } = (change ?? {}) as { eTag?: unknown };
      const current = this.items.get(key);
      if (typeof eTag === 'string' && eTag !== '*' && current && current.eTag !== eTag)
        return Promise.reject(new Error(`Storage: error writing "${key}" due to eTag conflict.`));
      this.items.set(key, { json: JSON.stringify(value), eTag: String(++this.eTags) });
    }
    return Promise.resolve();
  }

  delete(keys: string[]): Promise<void> {
    for (const key of keys) this.items.delete(key);
    return Promise.resolve();
  }
}
