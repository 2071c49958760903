import { describe, expect, it } from 'vitest';
import type { SlotName } from '../../src/domain/taxonomy.js';
import { ctx, offline } from './support.js';

/** A message read as the answer to `pending`, in a collecting conversation. */
const answer = (text: string, pending: SlotName[], known: Record<string, string> = {}) =>
  offline.analyzeSync(
    text,
    ctx({
      pending,
      stage: 'collecting',
      knownSlots: Object.fromEntries(
        Object.entries(known).map(([k, v]) => [k, { value: v, raw: v, confidence: 1 }]),
      ),
    }),
  );

describe('dialogue acts in context', () => {
  it('an answer names the pending slot only when the value fits its type', () => {
    expect(answer('13912345678', ['contact_phone']).act).toEqual({
      kind: 'answer',
      slot: 'contact_phone',
    });
    expect(answer('13912345678', ['contact_phone']).slots.contact_phone?.value).toBe('13912345678');
    // The same digits asked as the account are the account.
    expect(answer('13912345678', ['account']).slots.account?.value).toBe('13912345678');
  });

  it('a value for another element is answer_other naming that element', () => {
    const a = answer('Told you already — flat 4, 9 Mill Lane', ['product']);
    expect(a.act.kind).toBe('already_said');
    expect(a.slots.place?.value).toBe('flat 4, 9 Mill Lane');
    expect(a.slots.product).toBeUndefined();
    expect(answer('7栋2203', ['product']).act).toEqual({ kind: 'answer_other', slot: 'place' });
  });

  it('a different number for the contact phone answers it, and is not the account', () => {
    const a = answer('这个号不常用,打我爱人的 13987654321', ['contact_phone']);
    expect(a.act).toEqual({ kind: 'answer', slot: 'contact_phone' });
    expect(a.slots.contact_phone?.value).toBe('13987654321');
    expect(a.slots.account).toBeUndefined();
  });

  it.each([
    ['前面不是说了吗', ['amount'], 'already_said'],
    ['不清楚', ['time'], 'unknown_answer'],
    ['I don’t remember', ['time'], 'unknown_answer'],
    ['对', ['contact_phone'], 'affirm'],
    ['你问这个干嘛', ['contact_phone'], 'question_back'],
    ['why do you need my number?', ['contact_phone'], 'question_back'],
  ] as const)('%s (pending %s) → %s', (text, pending, kind) => {
    expect(answer(text, [...pending]).act.kind).toBe(kind);
  });

  it('a value that contradicts a known one corrects it, with slot and new value', () => {
    expect(answer('是热水器 不是空调', ['time'], { product: '空调' }).act).toEqual({
      kind: 'correction',
      slot: 'product',
      value: '热水器',
    });
    const a = answer('不对,是前天', ['contact_phone'], { time: '2026-11-24' });
    expect(a.act).toEqual({ kind: 'correction', slot: 'time', value: '2026-11-23' });
    expect(a.intent).toBe('supplement');
  });

  it('bare values fill the pending slot: a number as the amount, a surname as the name', () => {
    expect(answer('67.8', ['amount']).slots.amount?.value).toBe('67.80 CNY');
    expect(answer('王', ['contact_name']).slots.contact_name?.value).toBe('王');
    expect(answer('好的', ['contact_name']).act.kind).not.toBe('answer');
  });

  it('a malformed phone still answers the question, and says what is wrong', () => {
    const a = answer('1381234567', ['contact_phone']);
    expect(a.act).toEqual({ kind: 'answer', slot: 'contact_phone' });
    expect(a.slots.contact_phone).toBeUndefined();
    expect(a.slotIssues).toEqual([
      { slot: 'contact_phone', problem: 'phone_too_short', raw: '1381234567' },
    ]);
  });
});

describe('goals', () => {
  const read = (text: string) => offline.analyzeSync(text, ctx());

  it.each([
    ['我就吐槽两句,不用处理', 'venting', 'complaint'],
    ['算了不投诉了', 'withdraw', 'withdraw'],
    ['那个单子撤了吧', 'withdraw', 'withdraw'],
    ['不用处理了,钱已经退回来了,谢谢', 'withdraw', 'withdraw'],
    ['how long will it take?', 'time_question', 'inquiry'],
    ['到底要等多久啊?', 'time_question', 'inquiry'],
    ['OK, thanks', 'thanks', 'goodbye'],
    ['Just wanted to say Sarah at the Leeds store was brilliant, thank you', 'praise', 'praise'],
    ['转人工', 'request_human', 'request_human'],
  ] as const)('%s → %s (%s)', (text, kind, intent) => {
    const a = read(text);
    expect(a.act.kind).toBe(kind);
    expect(a.intent).toBe(intent);
  });

  it('a venting customer is communicative, not an effective complaint', () => {
    expect(read('我就吐槽两句,你们这个app真难用,不用处理').nature).toBe('communicative');
  });

  it('a question about how long never becomes the demand', () => {
    const a = read('退款要多久才能到账?');
    expect(a.act.kind).toBe('time_question');
    expect(a.slots.demand).toBeUndefined();
  });
});

describe('empathy family', () => {
  const family = (text: string) => offline.analyzeSync(text, ctx()).empathy;

  it('a courteous complaint ending in 谢谢 gets no anger wording', () => {
    expect(family('你好,我想反映一下宽带这两天有点慢,麻烦帮忙看看,谢谢')?.family).not.toBe(
      'acknowledge_anger',
    );
  });

  it.each([
    ['整啥玩意儿呢你们,月租39,这个月扣了67.8!', 'acknowledge_anger'],
    ['这不是坑人吗??凭啥每月15块往外扣', 'acknowledge_anger'],
    ['信用卡半夜被人刷了好几笔,现在还在扣', 'reassure_anxiety'],
    ['谢谢你们,小王特别耐心', 'thank'],
    ['请问营业厅几点开门', 'none'],
  ] as const)('%s → %s', (text, want) => {
    const e = family(text);
    expect(e.family).toBe(want);
    // The reason is ours, short, and never the customer's words.
    if (e.reason !== undefined) expect(text).not.toContain(e.reason);
  });
});

describe('a courteous reply at the read-back', () => {
  const at = (text: string, stage: 'confirming' | 'filed') =>
    offline.analyzeSync(text, ctx({ stage, history: [{ from: 'bot', text: '我理解得对吗？' }] }));

  it.each([
    '好的谢谢',
    '好，谢谢',
    '嗯嗯好的 谢谢你',
    '好 麻烦你了',
    'Yes, file it please',
    'Spot on, cheers',
  ])('%s at "have I got that right?" is a yes', (text) => {
    expect(at(text, 'confirming').act.kind).toBe('affirm');
    expect(at(text, 'confirming').intent).toBe('affirm');
  });

  it('leaving words still leave, at the read-back and after filing', () => {
    expect(at('谢谢，再见', 'confirming').act.kind).toBe('goodbye');
    expect(at('谢谢，再见', 'filed').act.kind).toBe('goodbye');
    expect(at('Thanks, bye', 'filed').act.kind).toBe('goodbye');
  });

  it('after filing, the same thanks closes courteously instead of confirming', () => {
    expect(at('好的谢谢', 'filed').act.kind).toBe('thanks');
  });

  it('an upset or rejecting reply at the read-back is no yes', () => {
    expect(at('不对，谢谢', 'confirming').act.kind).not.toBe('affirm');
    expect(at("yes but that's not the amount", 'confirming').act.kind).not.toBe('affirm');
    expect(at('好的 不过金额不对', 'confirming').act.kind).not.toBe('affirm');
  });
});

describe('telling apart what a question is', () => {
  const collecting = (text: string, pending: SlotName[]) =>
    offline.analyzeSync(text, ctx({ pending, stage: 'collecting' }));

  it('a question naming a place answers nothing', () => {
    expect(collecting('你们营业厅几点关门', ['time']).act.kind).toBe('faq_question');
  });

  it('a further problem while a case is open is a second complaint, not an answer', () => {
    expect(collecting('还有个事 我家座机也一直有杂音', ['demand']).act.kind).toBe(
      'second_complaint',
    );
    expect(
      collecting('Oh and another thing, my landline is crackling too', ['demand']).act.kind,
    ).toBe('second_complaint');
  });

  it('a question that names a problem and asks for action is a complaint', () => {
    const text =
      'Hello, my internet has been slow in the evenings this week. Would you mind checking the line? Thank you';
    expect(offline.analyzeSync(text, ctx()).act.kind).toBe('complaint');
  });
});
