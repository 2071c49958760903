import { describe, expect, it } from 'vitest';
import type { KnowledgeEntry } from '../../src/knowledge/knowledge-entry.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge.port.js';

export const CONTRACT_ENTRIES: KnowledgeEntry[] = [
  {
    id: 'refund-zh',
    questions: ['退款多久到账', '我的退款什么时候能收到'],
    answer: '退款按原支付渠道退回。',
  },
  {
    id: 'refund-en',
    questions: ['when will i get my refund', 'how long does a refund take'],
    answer: 'Refunds go back to the original payment method.',
  },
  {
    id: 'broadband-zh',
    questions: ['宽带坏了怎么报修', '家里上不了网'],
    answer: '请告诉我宽带账号和地址。',
    category: 'network',
  },
];

/** Every KnowledgeBase implementation answers the same way for the same entries. */
export function knowledgeBaseContract(
  name: string,
  create: (entries: KnowledgeEntry[]) => Promise<KnowledgeBase>,
): void {
  describe(`KnowledgeBase contract: ${name}`, () => {
    it('finds an entry from a phrasing it holds, with its answer, best first', async () => {
      const kb = await create(CONTRACT_ENTRIES);
      const found = kb.search('退款多久到账');
      expect(found.abstained).toBe(false);
      expect(found.results[0]?.id).toBe('refund-zh');
      expect(found.results[0]?.entry.answer).toBe('退款按原支付渠道退回。');
      const scores = found.results.map((r) => r.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(found.confidence).toBeGreaterThan(0);
      expect(found.confidence).toBeLessThanOrEqual(1);
    });

    it('abstains, with no results, when nothing in the base fits', async () => {
      const kb = await create(CONTRACT_ENTRIES);
      const found = kb.search('明天的天气怎么样');
      expect(found.abstained).toBe(true);
      expect(found.results).toEqual([]);
    });

    it('honours limit and lang', async () => {
      const kb = await create(CONTRACT_ENTRIES);
      expect(kb.search('refund 退款', { limit: 1 }).results.length).toBeLessThanOrEqual(1);
      const en = kb.search('when will i get my refund', { lang: 'zh' });
      expect(en.results.every((r) => r.id.endsWith('-zh'))).toBe(true);
      expect(kb.search('when will i get my refund', { lang: 'en' }).results[0]?.id).toBe(
        'refund-en',
      );
    });

    it('gets entries by id and knows its size', async () => {
      const kb = await create(CONTRACT_ENTRIES);
      expect(kb.size).toBe(3);
      expect(kb.get('broadband-zh')?.category).toBe('network');
      expect(kb.get('nope')).toBeUndefined();
    });

    it('answers an empty or punctuation-only query by abstaining', async () => {
      const kb = await create(CONTRACT_ENTRIES);
      expect(kb.search('').abstained).toBe(true);
      expect(kb.search('？？！！...').abstained).toBe(true);
    });
  });
}
