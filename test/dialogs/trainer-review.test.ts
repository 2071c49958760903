import { describe, expect, it } from 'vitest';
import { isSharperTime } from '../../src/dialogs/absorb-slots.js';
import { askedSlots, IntakeHarness } from '../support/intake-harness.js';

/** The dialog misreads of the trainer's review of 2026-12-02, each pinned so it cannot come back. */
const TUESDAY = new Date('2026-12-01T02:00:00.000Z'); // 10:00 in Shanghai, 02:00 in London

async function slotsAfter(messages: readonly string[], timeZone = 'Asia/Shanghai') {
  const chat = await IntakeHarness.create({ timeZone, clock: () => TUESDAY });
  for (const text of messages) await chat.send(text, TUESDAY);
  return (await chat.memory())?.complaint.slots ?? {};
}

describe('a vague time is replaced by an exact one given later', () => {
  it.each([
    [
      ['上周家里宽带断了好几次 地址是滨江花园3栋502', '具体是上周三下午三点左右断的'],
      '2026-11-25T15:00:00+08:00',
    ],
    [
      ['前几天营业厅的营业员态度特别差', '是上礼拜四上午十点左右 在万达广场那家营业厅'],
      '2026-11-26T10:00:00+08:00',
    ],
  ])('%j → %s', async (messages, time) => {
    expect((await slotsAfter(messages)).time?.value).toBe(time);
  });

  it('en: "a few days ago", then "last Wednesday at 3pm"', async () => {
    const slots = await slotsAfter(
      [
        'My broadband kept dropping out a few days ago, 14 Rose Street, Bristol',
        'Actually it was last Wednesday at 3pm',
      ],
      'Europe/London',
    );
    expect(slots.time?.value).toBe('2026-11-25T15:00:00+00:00');
  });

  it('an exact time is not replaced by a vaguer one said later', () => {
    const exact = { value: '2026-11-25T15:00:00+08:00', raw: '上周三下午3点', confidence: 0.9 };
    const guess = { value: '2026-11-24', raw: '上周', confidence: 0.5 };
    expect(isSharperTime(guess, exact)).toBe(false);
    expect(isSharperTime(exact, guess)).toBe(true);
    const day = { value: '2026-11-25', raw: '上周三', confidence: 0.85 };
    expect(isSharperTime(exact, day)).toBe(true);
    expect(isSharperTime({ value: '2026-11-30', raw: '昨天', confidence: 0.9 }, day)).toBe(false);
  });
});

describe('an answer that misses the demand question gets it once more, never a placeholder', () => {
  it.each([
    ['zh', ['我要投诉 话费不对 号码13900002206 上个月多扣了20块', '就是话费的事啊', '还是话费啊']],
    [
      'en',
      [
        'I want to complain, my bill for account 55667788 was £12 more than usual in November',
        "it's just the bill, it's wrong",
        "the bill is wrong, that's all",
      ],
    ],
  ] as const)('%s', async (_lang, [opener, missed, again]) => {
    const chat = await IntakeHarness.create({ clock: () => TUESDAY });
    const first = await chat.send(opener, TUESDAY);
    expect(askedSlots(first)).toContain('demand');
    const second = await chat.send(missed, TUESDAY);
    expect(askedSlots(second)).toEqual(['demand']);
    const question = (replies: typeof first): string =>
      replies.find((r) => r.meta.slot === 'demand' || r.meta.slots?.includes('demand'))?.text ?? '';
    expect(question(second)).not.toBe(question(first));
    expect((await chat.memory())?.complaint.slots.demand).toBeUndefined();
    // Once only: a second miss is taken as the customer's own words, and nothing is asked again.
    const third = await chat.send(again, TUESDAY);
    expect(askedSlots(third)).not.toContain('demand');
    expect((await chat.memory())?.complaint.slots.demand?.value).toBe(again);
  });

  it('a demand given in answer is taken at once', async () => {
    const chat = await IntakeHarness.create({ clock: () => TUESDAY });
    await chat.send('我要投诉 话费不对 号码13900002206 上个月多扣了20块', TUESDAY);
    const replies = await chat.send('给我关了，钱退回来', TUESDAY);
    expect(askedSlots(replies)).not.toContain('demand');
    expect((await chat.memory())?.complaint.slots.demand?.value).toBe('cancellation,refund');
  });
});

describe('an FAQ answer is given only when it is about what was asked', () => {
  it.each([
    'can I get a paper bill instead of the email one',
    'Can I get a refund if I cancel within 14 days?',
    'Quick question - do you deliver on Sundays?',
  ])('%s gets no answer on another topic', async (question) => {
    const { loadKnowledgeDir } = await import('../../src/knowledge/jsonl.knowledge-loader.js');
    const { createKnowledgeBase } = await import('../../src/knowledge/memory.knowledge-base.js');
    const { entries, synonyms } = await loadKnowledgeDir('config/knowledge');
    const chat = await IntakeHarness.create({
      clock: () => TUESDAY,
      faq: createKnowledgeBase(entries, { synonyms }),
    });
    const replies = await chat.send(question, TUESDAY);
    expect(replies.some((r) => r.meta.act === 'answer')).toBe(false);
  });

  it('a question the knowledge base covers is still answered', async () => {
    const { loadKnowledgeDir } = await import('../../src/knowledge/jsonl.knowledge-loader.js');
    const { createKnowledgeBase } = await import('../../src/knowledge/memory.knowledge-base.js');
    const { entries, synonyms } = await loadKnowledgeDir('config/knowledge');
    const chat = await IntakeHarness.create({
      clock: () => TUESDAY,
      faq: createKnowledgeBase(entries, { synonyms }),
    });
    const replies = await chat.send('how do i check my bill', TUESDAY);
    expect(replies.some((r) => r.meta.act === 'answer')).toBe(true);
  });
});
