import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CannedDraft } from '../../src/handoff/canned-response.js';
import type { CannedResponses } from '../../src/handoff/canned-responses.port.js';

export interface CannedResponsesHarness {
  store: CannedResponses;
  close(): Promise<void>;
}

const REFUND: CannedDraft = {
  lang: 'zh',
  shortcut: '/refund',
  title: '退款进度',
  text: '您好，退款已提交，预计 3 个工作日内到账。',
  tags: ['billing', 'refund'],
};

/** The behaviour every CannedResponses implementation shows. */
export function cannedResponsesContract(
  name: string,
  factory: () => Promise<CannedResponsesHarness>,
): void {
  describe(`CannedResponses contract: ${name}`, () => {
    let harness: CannedResponsesHarness;
    let store: CannedResponses;
    beforeEach(async () => {
      harness = await factory();
      store = harness.store;
    });
    afterEach(async () => {
      await harness.close();
    });

    it('creates, reads back by id and by shortcut, with author and time', async () => {
      const created = await store.create(REFUND, 'root');
      if (!created.ok) throw new Error(created.reason);
      const { response } = created;
      expect(response).toMatchObject({ ...REFUND, updatedBy: 'root' });
      expect(response.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(await store.get(response.id)).toEqual(response);
      expect(await store.byShortcut('zh', '/refund')).toEqual(response);
      expect(await store.byShortcut('en', '/refund')).toBeUndefined();
      expect(await store.get('no-such-id')).toBeUndefined();
    });

    it('keeps one shortcut per language and refuses a duplicate without overwriting', async () => {
      expect((await store.create(REFUND, 'root')).ok).toBe(true);
      expect(await store.create({ ...REFUND, text: '另一段话。' }, 'root')).toEqual({
        ok: false,
        reason: 'duplicate_shortcut',
      });
      expect((await store.create({ ...REFUND, lang: 'en', text: 'Refund sent.' }, 'root')).ok).toBe(
        true,
      );
      expect((await store.byShortcut('zh', '/refund'))?.text).toBe(REFUND.text);
      expect(await store.list()).toHaveLength(2);
    });

    it('lists by language and shortcut, narrowed by language and tag; tags deduplicated', async () => {
      await store.create({ ...REFUND, shortcut: '/sorry', tags: ['apology', 'apology'] }, 'amy');
      await store.create(REFUND, 'amy');
      await store.create({ ...REFUND, lang: 'en', shortcut: '/hello', tags: [] }, 'amy');
      const all = await store.list();
      expect(all.map((r) => `${r.lang}${r.shortcut}`)).toEqual([
        'en/hello',
        'zh/refund',
        'zh/sorry',
      ]);
      expect(all.find((r) => r.shortcut === '/sorry')?.tags).toEqual(['apology']);
      expect((await store.list({ lang: 'zh' })).map((r) => r.shortcut)).toEqual([
        '/refund',
        '/sorry',
      ]);
      expect((await store.list({ tag: 'refund' })).map((r) => r.shortcut)).toEqual(['/refund']);
      expect(await store.list({ lang: 'en', tag: 'refund' })).toEqual([]);
    });

    it('updates the whole response, checking a changed shortcut again; removes once', async () => {
      const a = await store.create(REFUND, 'root');
      const b = await store.create({ ...REFUND, shortcut: '/wait' }, 'root');
      if (!a.ok || !b.ok) throw new Error('create failed');
      const updated = await store.update(a.response.id, { ...REFUND, text: '已到账。' }, 'amy');
      expect(updated).toMatchObject({ ok: true, response: { text: '已到账。', updatedBy: 'amy' } });
      expect(await store.update(a.response.id, { ...REFUND, shortcut: '/wait' }, 'amy')).toEqual({
        ok: false,
        reason: 'duplicate_shortcut',
      });
      expect(await store.update('no-such-id', REFUND, 'amy')).toEqual({
        ok: false,
        reason: 'not_found',
      });
      expect(await store.remove(b.response.id)).toBe(true);
      expect(await store.remove(b.response.id)).toBe(false);
      expect((await store.list()).map((r) => r.text)).toEqual(['已到账。']);
    });

    it('refuses a bad draft before storing anything', async () => {
      await expect(store.create({ ...REFUND, shortcut: 'refund' }, 'root')).rejects.toThrow();
      await expect(store.create({ ...REFUND, text: '   ' }, 'root')).rejects.toThrow();
      await expect(
        store.create({ ...REFUND, lang: 'fr' } as unknown as CannedDraft, 'root'),
      ).rejects.toThrow();
      expect(await store.list()).toEqual([]);
    });
  });
}
