import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, login, startHarness, type Harness } from './harness.js';

describe('GET /api/agent/canned-responses', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    const { canned } = h.handoff;
    await canned.create(
      {
        lang: 'zh',
        shortcut: '/refund',
        title: '退款说明',
        text: '{name}您好，工单 {ticketId} 的退款已提交。',
      },
      'admin',
    );
    await canned.create(
      { lang: 'zh', shortcut: '/wait', title: '请稍等', text: '请稍等，我正在核实。' },
      'admin',
    );
    await canned.create(
      { lang: 'en', shortcut: '/refund', title: 'Refund', text: 'Your refund is on its way.' },
      'admin',
    );
  });
  afterEach(async () => {
    await h.close();
  });

  it('lists one language, narrowed by words of the shortcut, title or text', async () => {
    const token = await login(h.url, 'amy');
    const all = await api(h.url, '/canned-responses?lang=zh', { token });
    expect(all.status).toBe(200);
    expect((all.body['items'] as Array<{ shortcut: string }>).map((r) => r.shortcut)).toEqual([
      '/refund',
      '/wait',
    ]);
    for (const q of ['/ref', '退款', '核实'].map(encodeURIComponent)) {
      const found = await api(h.url, `/canned-responses?lang=zh&q=${q}`, { token });
      expect((found.body['items'] as unknown[]).length, q).toBe(1);
    }
    const english = await api(h.url, '/canned-responses?lang=en', { token });
    expect(english.body['items']).toMatchObject([{ title: 'Refund' }]);
  });

  it('refuses a missing or unknown language, an unknown parameter, and no token', async () => {
    const token = await login(h.url, 'amy');
    for (const query of ['', '?lang=fr', '?lang=zh&tag=x'])
      expect((await api(h.url, `/canned-responses${query}`, { token })).status, query).toBe(400);
    expect((await api(h.url, '/canned-responses?lang=zh')).status).toBe(401);
  });
});
