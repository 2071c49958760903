/**
 * A Map that forgets: entries idle longer than `ttlMs` vanish on access, and beyond `capacity` the
 * least recently used go first. Map iteration order is insertion order, so re-inserting on every
 * touch keeps the oldest first and eviction is O(1). Embedded mode's stand-in for Redis TTLs.
 */
export class RecencyMap<V> {
  private readonly entries = new Map<string, { value: V; touched: number }>();

  constructor(
    private readonly capacity: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The value, refreshed as most recently used; undefined when absent or idle too long. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    if (this.now() - entry.touched >= this.ttlMs) return undefined;
    this.entries.set(key, { value: entry.value, touched: this.now() });
    return entry.value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, touched: this.now() });
    this.evict();
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  private evict(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.capacity && now - entry.touched < this.ttlMs) return;
      this.entries.delete(key);
    }
  }
}
