import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { InstanceInfo, InstanceRegistry } from '../../src/admin/instance.js';

const T0 = new Date('2026-12-01T08:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

function instance(startedAt: string): InstanceInfo {
  return {
    id: randomUUID(),
    version: '0.1.0',
    startedAt,
    host: 'box',
    pid: 42,
    mode: 'redis',
  };
}

/** One suite for every InstanceRegistry; `make(ttlMs)` builds a fresh, empty one. */
export function instanceRegistryContract(
  name: string,
  make: (ttlMs: number) => Promise<InstanceRegistry> | InstanceRegistry,
): void {
  describe(`InstanceRegistry contract: ${name}`, () => {
    it('lists the instances that beat within the TTL, oldest start first', async () => {
      const registry = await make(30_000);
      const late = instance('2026-12-01T07:00:00.000Z');
      const early = instance('2026-12-01T06:00:00.000Z');
      await registry.beat(late, T0);
      await registry.beat(early, at(1000));
      expect(await registry.live(at(2000))).toEqual([
        { ...early, seenAt: at(1000).toISOString() },
        { ...late, seenAt: T0.toISOString() },
      ]);
    });

    it('drops an instance that stopped beating, and one that left', async () => {
      const registry = await make(30_000);
      const dead = instance('2026-12-01T06:00:00.000Z');
      const alive = instance('2026-12-01T06:30:00.000Z');
      const leaving = instance('2026-12-01T07:00:00.000Z');
      await registry.beat(dead, T0);
      await registry.beat(alive, T0);
      await registry.beat(leaving, T0);
      await registry.beat(alive, at(20_000));
      await registry.leave(leaving.id);
      expect((await registry.live(at(31_000))).map((i) => i.id)).toEqual([alive.id]);
      // A renewed beat brings a lapsed instance back (a partition healed).
      await registry.beat(dead, at(32_000));
      expect((await registry.live(at(33_000))).map((i) => i.id)).toEqual([dead.id, alive.id]);
    });
  });
}
