import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeDir } from '../../src/knowledge/jsonl.knowledge-loader.js';
import { entryLang } from '../../src/knowledge/knowledge-entry.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge.port.js';
import { createKnowledgeBase } from '../../src/knowledge/memory.knowledge-base.js';

const DIR = join(import.meta.dirname, '../../config/knowledge');

describe('the shipped knowledge base', () => {
  let kb: KnowledgeBase;
  let questions: Set<string>;
  beforeAll(async () => {
    const { entries, synonyms } = await loadKnowledgeDir(DIR);
    kb = createKnowledgeBase(entries, { synonyms });
    questions = new Set(entries.flatMap((e) => e.questions));
  });

  it('covers the seed topics in both languages with several phrasings each', async () => {
    const { entries } = await loadKnowledgeDir(DIR);
    expect(entries.length).toBeGreaterThanOrEqual(30);
    expect(entries.every((e) => e.questions.length >= 3)).toBe(true);
    const langs = entries.map(entryLang);
    expect(langs.filter((l) => l === 'zh').length).toBeGreaterThanOrEqual(15);
    expect(langs.filter((l) => l === 'en').length).toBeGreaterThanOrEqual(15);
  });

  // Paraphrases written for this test: none is a phrasing stored in the knowledge base.
  it.each([
    ['这个月话费怎么多扣了十块', 'unexpected-charge-zh'],
    ['帮我把彩铃退掉', 'vas-unsubscribe-zh'],
    ['为什么我的账单上多了一笔不认识的钱', 'unexpected-charge-zh'],
    ['家里的宽带今天断了，找谁修', 'broadband-repair-zh'],
    ['我上周的投诉现在进展如何', 'complaint-status-zh'],
    ['买的东西质量有问题想退货', 'return-exchange-zh'],
    ['车出了事故，理赔要准备哪些材料', 'claim-process-zh'],
    ['你们人工客服晚上几点下班', 'service-hours-zh'],
    ['我想把套餐换成便宜一点的', 'plan-change-zh'],
    ['电子发票去哪里下载', 'invoice-zh'],
    ['我的账号好像被别人登录了', 'account-security-zh'],
    ['my refund still has not come through', 'refund-progress-en'],
    ['how can I cancel the ringtone add-on', 'vas-unsubscribe-en'],
    ['the wifi at home stopped working', 'broadband-repair-en'],
    ['any news on the complaint I made last week?', 'complaint-status-en'],
    ['I need to return a broken item', 'return-exchange-en'],
    ['how do I change to a cheaper plan', 'plan-change-en'],
    ['somebody hacked into my acount', 'account-security-en'],
    ['what time do your agents start work', 'service-hours-en'],
  ])('answers "%s" with %s', (query, id) => {
    expect(questions.has(query)).toBe(false);
    const found = kb.search(query);
    expect(found.abstained).toBe(false);
    expect(found.results[0]?.id).toBe(id);
  });

  it.each([
    '天气怎么样',
    "what's the weather",
    '给我讲个笑话',
    'who won the football match yesterday',
  ])('abstains on the off-topic "%s"', (query) => {
    const found = kb.search(query);
    expect(found.abstained).toBe(true);
    expect(found.results).toEqual([]);
  });

  it('keeps to the requested language', () => {
    const found = kb.search('refund 退款', { lang: 'en', limit: 10 });
    expect(found.results.every((r) => entryLang(r.entry) === 'en')).toBe(true);
  });
});
