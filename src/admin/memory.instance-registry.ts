import {
  byStart,
  type InstanceInfo,
  type InstanceRegistry,
  type LiveInstance,
} from './instance.js';

/** Embedded mode: one process, so the registry is this process's memory. */
export class MemoryInstanceRegistry implements InstanceRegistry {
  private readonly entries = new Map<string, LiveInstance>();

  constructor(private readonly ttlMs: number) {}

  beat(instance: InstanceInfo, now = new Date()): Promise<void> {
    this.entries.set(instance.id, { ...instance, seenAt: now.toISOString() });
    return Promise.resolve();
  }

  leave(id: string): Promise<void> {
    this.entries.delete(id);
    return Promise.resolve();
  }

  live(now = new Date()): Promise<LiveInstance[]> {
    const since = now.getTime() - this.ttlMs;
    for (const [id, entry] of this.entries)
      if (Date.parse(entry.seenAt) < since) this.entries.delete(id);
    return Promise.resolve([...this.entries.values()].sort(byStart));
  }
}
