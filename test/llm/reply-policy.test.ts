import { describe, expect, it } from 'vitest';
import { checkReplyPolicy, type PolicyViolationKind } from '../../src/llm/reply-policy.js';

const kinds = (text: string, policy = {}): PolicyViolationKind[] => {
  const result = checkReplyPolicy(text, policy);
  return result.ok ? [] : result.violations.map((v) => v.kind);
};

describe('checkReplyPolicy (zh)', () => {
  it.each([
    ['非常抱歉给您带来不便,我们会尽快为您核实处理。'],
    ['我已记录您的问题,工单号是 QT-20261125-0001。'],
    ['请问您是在哪个营业厅办理的业务?'],
  ])('passes a reply that promises nothing: %s', (text) => {
    expect(checkReplyPolicy(text)).toEqual({ ok: true });
  });

  it.each<[string, PolicyViolationKind[]]>([
    ['我们会马上给您退款。', ['refund']],
    ['公司会赔偿您的全部损失。', ['compensation']],
    ['给您补偿一张优惠券。', ['compensation', 'compensation']],
    ['我保证不会再发生了。', ['guarantee']],
    ['3天内给您答复。', ['deadline']],
    ['两个工作日之内处理完。', ['deadline']],
    ['今天之内给您回电。', ['deadline']],
    ['给您返还200元话费。', ['refund', 'amount']],
    ['我们会退还您一万二千元。', ['refund', 'amount']],
    ['送您¥50 的话费。', ['amount']],
  ])('flags %s', (text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it('allows what the policy grants, and only that', () => {
    const policy = { refund: true, amounts: [50], deadlineHours: [24, 168] };
    expect(kinds('24小时内为您退款50元。', policy)).toEqual([]);
    expect(kinds('七天内处理完毕。', policy)).toEqual([]);
    expect(kinds('一周内处理完毕。', policy)).toEqual([]);
    expect(kinds('12小时内为您退款60元。', policy)).toEqual(['amount', 'deadline']);
    expect(kinds('再赔偿您50元。', policy)).toEqual(['compensation']);
  });

  it('reports the words that made the promise', () => {
    expect(checkReplyPolicy('三天内给您退款', {})).toEqual({
      ok: false,
      violations: [
        { kind: 'refund', span: '退款' },
        { kind: 'deadline', span: '三天内' },
      ],
    });
  });
});

describe('checkReplyPolicy (en)', () => {
  it.each([
    ["I'm sorry about the double charge; I've passed it to our billing team."],
    ['Could you tell me the order number, please?'],
    ['Your ticket number is QT-20261125-0001.'],
  ])('passes a reply that promises nothing: %s', (text) => {
    expect(checkReplyPolicy(text)).toEqual({ ok: true });
  });

  it.each<[string, PolicyViolationKind[]]>([
    ['We will refund the charge.', ['refund']],
    ["You'll get your money back.", ['refund']],
    ["We'll compensate you for the trouble.", ['compensation']],
    ['I guarantee it will not happen again.', ['guarantee']],
    ['We will fix it within 2 business days.', ['deadline']],
    ['Expect a call in 48 hours.', ['deadline']],
    ["It'll be sorted by tomorrow.", ['deadline']],
    ['We can offer $20 off your next bill.', ['amount']],
    ['A credit to your account of 15 dollars.', ['compensation', 'amount']],
  ])('flags %s', (text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it('allows what the policy grants, and only that', () => {
    const policy = { refund: true, amounts: [49.99], deadlineHours: [48] };
    expect(kinds('We will refund $49.99 within two days.', policy)).toEqual([]);
    expect(kinds('We will refund $49.99 within 48 hours.', policy)).toEqual([]);
    expect(kinds('We will refund $59.99 within a day.', policy)).toEqual(['amount', 'deadline']);
  });
});
