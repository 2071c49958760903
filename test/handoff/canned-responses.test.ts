import { describe, expect, it } from 'vitest';
import { LiveCannedResponses } from '../../src/handoff/live.canned-responses.js';
import { MemoryCannedResponses } from '../../src/handoff/memory.canned-responses.js';
import { cannedResponsesContract } from '../contract/canned-responses.contract.js';

cannedResponsesContract('memory', () =>
  Promise.resolve({ store: new MemoryCannedResponses(), close: () => Promise.resolve() }),
);

// Until a version is published the live view is the store itself.
cannedResponsesContract('live view before a publish', () =>
  Promise.resolve({
    store: new LiveCannedResponses(new MemoryCannedResponses()),
    close: () => Promise.resolve(),
  }),
);

describe('the live view after a publish', () => {
  it('answers from the published set, whole, instead of the store', async () => {
    const store = new MemoryCannedResponses();
    await store.create({ lang: 'zh', shortcut: '/old', title: '旧', text: '旧的回复。' }, 'amy');
    const live = new LiveCannedResponses(store, () => new Date('2026-12-02T10:00:00Z'));
    live.use([
      { lang: 'zh', shortcut: '/refund', title: '退款', text: '退款会在三个工作日内到账。' },
      {
        lang: 'en',
        shortcut: '/refund',
        title: 'Refund',
        text: 'Refunds arrive in 3 days.',
        tags: ['b', 'a', 'b'],
      },
    ]);
    expect((await live.list({ lang: 'zh' })).map((r) => r.shortcut)).toEqual(['/refund']);
    expect(await live.byShortcut('zh', '/old')).toBeUndefined();
    expect(await live.get('en/refund')).toMatchObject({
      text: 'Refunds arrive in 3 days.',
      tags: ['a', 'b'],
      updatedBy: 'config',
      updatedAt: '2026-12-02T10:00:00.000Z',
    });
    expect((await live.list({ tag: 'a' })).map((r) => r.lang)).toEqual(['en']);
    live.use([]);
    expect(await live.list()).toEqual([]);
  });
});
