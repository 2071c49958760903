import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { IdempotencyStore } from '../../src/storage/idempotency.port.js';

const LEASE_MS = 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One suite for every IdempotencyStore implementation (STYLE §5). */
export function idempotencyContract(
  name: string,
  make: () => Promise<IdempotencyStore> | IdempotencyStore,
): void {
  describe(`IdempotencyStore contract: ${name}`, () => {
    it('claims a new key with the given id, and a done one answers with that id', async () => {
      const store = await make();
      const key = randomUUID();
      expect(await store.claim(key, 'first', LEASE_MS)).toEqual({ state: 'claimed', id: 'first' });
      expect(await store.claim(key, 'second', LEASE_MS)).toEqual({
        state: 'in_progress',
        id: 'first',
      });
      await store.complete(key);
      expect(await store.claim(key, 'third', LEASE_MS)).toEqual({ state: 'done', id: 'first' });
    });

    it('hands an unfinished turn to a retry once its lease lapses, keeping the original id', async () => {
      const store = await make();
      const key = randomUUID();
      await store.claim(key, 'first', 50);
      await sleep(120);
      expect(await store.claim(key, 'retry', LEASE_MS)).toEqual({ state: 'claimed', id: 'first' });
      expect(await store.claim(key, 'again', LEASE_MS)).toEqual({
        state: 'in_progress',
        id: 'first',
      });
    });

    it('lets a retry process at once after a release, but never after completion', async () => {
      const store = await make();
      const key = randomUUID();
      await store.claim(key, 'first', LEASE_MS);
      await store.release(key);
      expect(await store.claim(key, 'retry', LEASE_MS)).toEqual({ state: 'claimed', id: 'first' });
      await store.complete(key);
      await store.release(key);
      expect((await store.claim(key, 'late', LEASE_MS)).state).toBe('done');
    });

    it('forgets a refused fresh claim entirely, but never a finished one', async () => {
      const store = await make();
      const key = randomUUID();
      await store.claim(key, 'refused', LEASE_MS);
      await store.forget(key);
      expect(await store.claim(key, 'next', LEASE_MS)).toEqual({ state: 'claimed', id: 'next' });
      await store.complete(key);
      await store.forget(key);
      expect(await store.claim(key, 'late', LEASE_MS)).toEqual({ state: 'done', id: 'next' });
    });

    it('keeps keys apart', async () => {
      const store = await make();
      expect((await store.claim(randomUUID(), 'a', LEASE_MS)).id).toBe('a');
      expect((await store.claim(randomUUID(), 'b', LEASE_MS)).id).toBe('b');
    });

    it('lets exactly one of concurrent callers claim', async () => {
      const store = await make();
      const key = randomUUID();
      const ids = Array.from({ length: 20 }, (_, i) => `id-${i}`);
      const claims = await Promise.all(ids.map((id) => store.claim(key, id, LEASE_MS)));
      expect(claims.filter((c) => c.state === 'claimed')).toHaveLength(1);
      expect(new Set(claims.map((c) => c.id)).size).toBe(1);
    });
  });
}
