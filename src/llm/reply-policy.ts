import { z } from 'zod';
import {
  CHINESE_NUMERAL_CHARS,
  parseChineseNumber,
} from '../understanding/slots/chinese-number.js';
import { parseEnglishNumber } from '../understanding/slots/english-number.js';

/** What the company has granted for this case; a generated reply may promise nothing beyond it. */
export const ReplyPolicy = z.object({
  /** A refund has been approved. */
  refund: z.boolean().default(false),
  /** Compensation (money, vouchers, credits) has been approved. */
  compensation: z.boolean().default(false),
  /** Amounts the reply may state: the approved sum, the amount the customer named. */
  amounts: z.array(z.number().nonnegative()).default([]),
  /** Time commitments granted, in hours (DESIGN §1.5 defaults: 24, 48, 168). */
  deadlineHours: z.array(z.number().positive()).default([]),
  /** Whether "guarantee"/"保证"/"承诺" language is allowed. */
  guarantees: z.boolean().default(false),
});
export type ReplyPolicy = z.input<typeof ReplyPolicy>;

export const POLICY_VIOLATION_KINDS = [
  'refund',
  'compensation',
  'amount',
  'deadline',
  'guarantee',
] as const;
export type PolicyViolationKind = (typeof POLICY_VIOLATION_KINDS)[number];

export interface PolicyViolation {
  kind: PolicyViolationKind;
  /** The words of the reply that made the promise. */
  span: string;
}

export type ReplyCheck = { ok: true } | { ok: false; violations: PolicyViolation[] };

const NUM = `(?:\\d+(?:\\.\\d+)?|[${CHINESE_NUMERAL_CHARS}]+)`;
const EN_NUM = '(?:\\d+(?:\\.\\d+)?|an?|one|two|three|four|five|six|seven|ten|fourteen|thirty)';
const UNIT_HOURS: ReadonlyArray<[RegExp, number]> = [
  [/小时|钟头|hour/i, 1],
  [/周|星期|礼拜|week/i, 168],
  [/月|month/i, 720],
  [/天|日|day/i, 24],
];

const TERMS: ReadonlyArray<{ kind: 'refund' | 'compensation' | 'guarantee'; re: RegExp }> = [
  { kind: 'refund', re: /退款|退钱|退费|退还|返还|退回|全额退|refund\w*|money back|reimburs\w*/gi },
  {
    kind: 'compensation',
    re: /赔偿|补偿|赔付|包赔|赔您|代金券|优惠券|免单|compensat\w*|vouchers?|coupons?|credit (?:to )?your account/gi,
  },
  {
    kind: 'guarantee',
    re: /保证|担保|承诺|一定会|肯定会|绝对会|guarantee\w*|(?:I|we) promise|assure you|definitely will/gi,
  },
];

/** Money: ¥50, 50元, 五十块, $49.99, 20 dollars, USD 10. */
const AMOUNT =
  /[¥￥]\s?(\d[\d,]*(?:\.\d+)?)|(\d[\d,]*(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]+)\s*(?:元|块|圆|人民币)|\$\s?(\d[\d,]*(?:\.\d+)?)|(?:USD|CNY|RMB|EUR)\s?(\d[\d,]*(?:\.\d+)?)|(\d[\d,]*(?:\.\d+)?)\s?(?:dollars?|usd|yuan|rmb|cny|euros?)\b/gi;

/** A duration deadline: 3天内, 两个工作日之内, 24小时以内, within 2 business days, in 48 hours. */
const DURATION = new RegExp(
  `(${NUM})\\s*个?\\s*(小时|钟头|工作日|天|日|周|星期|礼拜|月)\\s*(?:之内|以内|内)|(?:within|in)\\s+(${EN_NUM})\\s+(?:business\\s+|working\\s+)?(hours?|days?|weeks?|months?)`,
  'gi',
);

/** A named-day deadline, never covered by a duration policy: 今天之内, 明天前, by tomorrow, by Friday. */
const NAMED_DAY =
  /(?:今天|今日|当天|今晚|明天|明日|后天)\s*(?:之内|以内|内|之前|以前|前)|by\s+(?:today|tonight|tomorrow|end of (?:the )?(?:day|week)|monday|tuesday|wednesday|thursday|friday|saturday|sunday)/gi;

/**
 * Flags a generated customer-facing reply that promises money, a refund, compensation, a deadline
 * or a guarantee the policy does not grant (DESIGN §1: 不做无效承诺). Conservative by design: a
 * flagged reply is replaced by a scripted one, so "我们无法承诺退款" is flagged too.
 */
export function checkReplyPolicy(text: string, policyInput: ReplyPolicy = {}): ReplyCheck {
  const policy = ReplyPolicy.parse(policyInput);
  const violations: PolicyViolation[] = [];
  for (const { kind, re } of TERMS) {
    if (policy[kind === 'guarantee' ? 'guarantees' : kind]) continue;
    for (const m of text.matchAll(re)) violations.push({ kind, span: m[0] });
  }
  for (const m of text.matchAll(AMOUNT)) {
    const raw = m.slice(1).find((group) => group !== undefined) ?? '';
    const value = parseChineseNumber(raw.replace(/,/g, ''));
    if (value === undefined || !policy.amounts.some((a) => Math.abs(a - value) < 0.005)) {
      violations.push({ kind: 'amount', span: m[0] });
    }
  }
  for (const m of text.matchAll(DURATION)) {
    const hours = durationHours(m[1] ?? m[3] ?? '', m[2] ?? m[4] ?? '');
    if (hours === undefined || !policy.deadlineHours.includes(hours)) {
      violations.push({ kind: 'deadline', span: m[0] });
    }
  }
  for (const m of text.matchAll(NAMED_DAY)) violations.push({ kind: 'deadline', span: m[0] });
  return violations.length === 0 ? { ok: true } : { ok: false, violations };
}

function durationHours(count: string, unit: string): number | undefined {
  const n = parseEnglishNumber(count) ?? parseChineseNumber(count);
  const perUnit = UNIT_HOURS.find(([re]) => re.test(unit))?.[1];
  return n === undefined || perUnit === undefined ? undefined : n * perUnit;
}
