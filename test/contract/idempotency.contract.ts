import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { IdempotencyStore } from '../../src/storage/idempotency.port.js';

/** One suite for every IdempotencyStore implementation (STYLE §5). */
export function idempotencyContract(
  name: string,
  make: () => Promise<IdempotencyStore> | IdempotencyStore,
): void {
  describe(`IdempotencyStore contract: ${name}`, () => {
    it('keeps the first id for a key', async () => {
      const store = await make();
      const key = randomUUID();
      expect(await store.remember(key, 'first')).toBe('first');
      expect(await store.remember(key, 'second')).toBe('first');
    });

    it('keeps keys apart', async () => {
      const store = await make();
      expect(await store.remember(randomUUID(), 'a')).toBe('a');
      expect(await store.remember(randomUUID(), 'b')).toBe('b');
    });

    it('lets exactly one of concurrent callers win', async () => {
      const store = await make();
      const key = randomUUID();
      const ids = Array.from({ length: 20 }, (_, i) => `id-${i}`);
      const winners = await Promise.all(ids.map((id) => store.remember(key, id)));
      expect(new Set(winners).size).toBe(1);
      expect(ids).toContain(winners[0]);
    });
  });
}
