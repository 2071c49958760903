import type { Storage } from 'botbuilder';
import { describe, expect, it } from 'vitest';

/** The behaviour botbuilder's own storages promise, run against every `Storage` Qingting uses. */
export function storageContract(name: string, make: () => Promise<Storage> | Storage): void {
  describe(`Storage contract: ${name}`, () => {
    it('reads nothing for unknown keys', async () => {
      const storage = await make();
      expect(await storage.read(['missing'])).toEqual({});
      expect(await storage.read([])).toEqual({});
    });

    it('round-trips values through JSON and assigns an eTag', async () => {
      const storage = await make();
      await storage.write({
        'a/b': { count: 1, when: new Date('2026-01-02T03:04:05Z'), nested: { x: [1, 'y'] } },
      });
      const { 'a/b': item } = await storage.read(['a/b', 'other']);
      expect(item).toMatchObject({
        count: 1,
        when: '2026-01-02T03:04:05.000Z',
        nested: { x: [1, 'y'] },
      });
      expect(typeof (item as { eTag?: unknown } | undefined)?.eTag).toBe('string');
    });

    it('accepts a write carrying the current eTag and changes the eTag', async () => {
      const storage = await make();
      await storage.write({ k: { v: 1 } });
      const first = (await storage.read(['k'])).k as { eTag: string; v: number };
      await storage.write({ k: { ...first, v: 2 } });
      const second = (await storage.read(['k'])).k as { eTag: string; v: number };
      expect(second.v).toBe(2);
      expect(second.eTag).not.toBe(first.eTag);
    });

    it('rejects a write carrying a stale eTag and keeps the newer value', async () => {
      const storage = await make();
      await storage.write({ k: { v: 1 } });
      const stale = (await storage.read(['k'])).k as { eTag: string };
      await storage.write({ k: { ...stale, v: 2 } });
      await expect(storage.write({ k: { ...stale, v: 3 } })).rejects.toThrow(/eTag/);
      expect((await storage.read(['k'])).k).toMatchObject({ v: 2 });
    });

    it('lets `*` and a missing eTag overwrite', async () => {
      const storage = await make();
      await storage.write({ k: { v: 1 } });
      await storage.write({ k: { v: 2, eTag: '*' } });
      expect((await storage.read(['k'])).k).toMatchObject({ v: 2 });
      await storage.write({ k: { v: 3 } });
      expect((await storage.read(['k'])).k).toMatchObject({ v: 3 });
    });

    it('writes a new key even when an eTag is given', async () => {
      const storage = await make();
      await storage.write({ fresh: { v: 1, eTag: 'whatever' } });
      expect((await storage.read(['fresh'])).fresh).toMatchObject({ v: 1 });
    });

    it('deletes keys', async () => {
      const storage = await make();
      await storage.write({ k: { v: 1 }, keep: { v: 2 } });
      await storage.delete(['k', 'never-written']);
      const left = await storage.read(['k', 'keep']);
      expect(Object.keys(left)).toEqual(['keep']);
      expect(left.keep).toMatchObject({ v: 2 });
    });
  });
}
