import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfigKind } from '../../src/config/config-version.js';
import type { ConfigVersions } from '../../src/config/config-versions.port.js';

export interface ConfigVersionsHarness {
  store: ConfigVersions;
  close(): Promise<void>;
}

/** The behaviour every ConfigVersions implementation shows. */
export function configVersionsContract(
  name: string,
  factory: () => Promise<ConfigVersionsHarness>,
): void {
  describe(`ConfigVersions contract: ${name}`, () => {
    let harness: ConfigVersionsHarness;
    let store: ConfigVersions;
    beforeEach(async () => {
      harness = await factory();
      store = harness.store;
    });
    afterEach(async () => {
      await harness.close();
    });

    const statuses = async (kind: ConfigKind) =>
      (await store.list(kind)).map((v) => `${v.version}:${v.status}`);

    it('numbers drafts per kind, keeps author and body, lists newest first', async () => {
      const one = await store.saveDraft('scripts', 'greeting: 您好！', 'root');
      const two = await store.saveDraft('scripts', 'greeting: 你好！', 'amy');
      const flows = await store.saveDraft('flows', 'flows: []', 'root');
      expect([one.version, two.version, flows.version]).toEqual([1, 2, 1]);
      expect(two).toMatchObject({ kind: 'scripts', author: 'amy', body: 'greeting: 你好！' });
      expect(two.status).toBe('draft');
      expect(two.publishedAt).toBeUndefined();
      expect(await store.get('scripts', 2)).toEqual(two);
      expect(await store.get('scripts', 3)).toBeUndefined();
      expect(await statuses('scripts')).toEqual(['2:draft', '1:draft']);
      expect(await store.live('scripts')).toBeUndefined();
    });

    it('publishing makes exactly one version live per kind and retires the one before', async () => {
      await store.saveDraft('rules', 'a', 'root');
      await store.saveDraft('rules', 'b', 'root');
      await store.saveDraft('prompts', 'p', 'root');
      const first = await store.publish('rules', 1, 'root');
      expect(first).toMatchObject({ ok: true, live: { version: 1, publishedBy: 'root' } });
      expect(first.ok && first.retired).toBeFalsy();
      const second = await store.publish('rules', 2, 'amy');
      expect(second).toMatchObject({ ok: true, live: { version: 2, status: 'live' }, retired: 1 });
      expect(await statuses('rules')).toEqual(['2:live', '1:retired']);
      expect((await store.live('rules'))?.body).toBe('b');
      expect(await store.live('prompts')).toBeUndefined();
      expect(await store.publish('rules', 2, 'amy')).toEqual({ ok: false, reason: 'already_live' });
      expect(await store.publish('rules', 9, 'amy')).toEqual({ ok: false, reason: 'not_found' });
    });

    it('concurrent publishes still leave one live version', async () => {
      for (const body of ['a', 'b', 'c', 'd']) await store.saveDraft('knowledge', body, 'root');
      const outcomes = await Promise.all(
        [1, 2, 3, 4].map((version) => store.publish('knowledge', version, 'root')),
      );
      expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
      const live = (await store.list('knowledge')).filter((v) => v.status === 'live');
      expect(live).toHaveLength(1);
      expect((await store.list('knowledge')).filter((v) => v.status === 'retired')).toHaveLength(3);
    });

    it('rolls back to the newest retired version older than the live one, step by step', async () => {
      for (const body of ['v1', 'v2', 'v3', 'v4']) await store.saveDraft('flows', body, 'root');
      expect(await store.rollback('flows', 'root')).toEqual({
        ok: false,
        reason: 'nothing_to_roll_back',
      });
      await store.publish('flows', 1, 'root');
      await store.publish('flows', 3, 'root');
      // v2 was never live, v4 is only a draft: neither is a rollback target.
      const back = await store.rollback('flows', 'amy');
      expect(back).toMatchObject({
        ok: true,
        live: { version: 1, publishedBy: 'amy' },
        retired: 3,
      });
      expect(await statuses('flows')).toEqual(['4:draft', '3:retired', '2:draft', '1:live']);
      expect(await store.rollback('flows', 'amy')).toEqual({
        ok: false,
        reason: 'nothing_to_roll_back',
      });
      expect(await store.publish('flows', 3, 'root')).toMatchObject({ ok: true, retired: 1 });
    });

    it('refuses an unknown kind or an empty body before storing anything', async () => {
      await expect(store.saveDraft('secrets' as ConfigKind, 'x', 'root')).rejects.toThrow();
      await expect(store.saveDraft('flows', '', 'root')).rejects.toThrow();
      expect(await store.list('flows')).toEqual([]);
    });
  });
}
