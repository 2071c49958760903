import type { AmountReading, SlotValue } from '../../domain/analysis.js';
import type { AmountRole } from '../../domain/taxonomy.js';
import type { SlotHit } from './slot-types.js';

/** How far before an amount (characters) its role word may stand: "月租39", "扣了我 67.8". */
const ROLE_REACH = 10;
const CLAUSE_END = /[,，。.;；!！?？\n]/u;
/** Role words, most specific first; the closest one before the amount (or inside its own words) decides. */
const ROLE_CUES: ReadonlyArray<[AmountRole, RegExp]> = [
  ['overcharged', /多扣|多收|多算|多要|多(?=\d)|overcharged|extra charge|too much by/giu],
  ['claimed', /赔偿?|索赔|补偿|退我|退给我|要求退|claim|compensat|refund me|want back/giu],
  [
    'expected',
    /月租|月费|套餐费?|说好的?|本来|原来|以前|去年|上个月才|合同上?写的|写的是|原价|标价|应该是|应付|只要|expected|should (?:be|have been)|supposed to|monthly (?:fee|price)|plan is|contract is|quoted|agreed|advert(?:ised)? said|instead of/giu,
  ],
  ['paid', /付了?|交了?|充了?|充值|买了?|花了?|年付|paid|spent|topped up|bought/giu],
  [
    'charged',
    /扣了?|扣费|扣款|扣的是|收了?|收费|账单|一笔|两笔|每笔|今年|变成了?|涨到了?|涨成|charged|billed|debited|took|taken|bill(?: says)?/giu,
  ],
];

/** A price word right after the amount makes it the expected one. */
const EXPECTED_AFTER =
  /^\s*(?:是|就是|才是)(?:我的)?(?:月租|月费|套餐|原价)|^\s*(?:is|was)\s+(?:my|the)\s+(?:monthly\s+)?(?:plan|contract|fee|price|tariff)/iu;

interface Found {
  role: AmountRole;
  end: number;
}

/** The role word nearest before `index` in the same clause, else one inside the amount's own words. */
function roleAt(text: string, hit: SlotHit): AmountRole {
  let start = Math.max(0, hit.index - ROLE_REACH);
  for (let i = hit.index - 1; i >= start; i -= 1) {
    if (CLAUSE_END.test(text[i] ?? '')) {
      start = i + 1;
      break;
    }
  }
  const window = text.slice(start, hit.index + hit.raw.length).toLowerCase();
  let best: Found | undefined;
  for (const [role, re] of ROLE_CUES) {
    re.lastIndex = 0;
    for (const m of window.matchAll(re)) {
      const end = m.index + m[0].length;
      if (best === undefined || end > best.end) best = { role, end };
    }
  }
  const after = text.slice(hit.index + hit.raw.length, hit.index + hit.raw.length + 20);
  // "39是月租", "the £39 is my monthly plan": the price named right after the amount.
  if (EXPECTED_AFTER.test(after)) return 'expected';
  if (best !== undefined) return best.role;
  // "1200已经交了": the verb comes after the amount.
  if (/^(?:已经|都)?(?:交|付|充)了/u.test(after)) return 'paid';
  if (/^(?:已经|都)?(?:被)?(?:扣|收)了/u.test(after)) return 'charged';
  return 'other';
}

function parse(value: string): { amount: number; currency: string } | undefined {
  const [n, currency] = value.split(' ');
  const amount = Number(n);
  return currency === undefined || !Number.isFinite(amount) ? undefined : { amount, currency };
}

function format(amount: number, currency: string): string {
  const cents = Math.round(amount * 100);
  return `${cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2)} ${currency}`;
}

/** Every amount in the message with its role, plus the overcharge when one charge and one expected price are said. */
export function amountReadings(text: string, hits: readonly SlotHit[]): AmountReading[] {
  const readings: AmountReading[] = hits.map((h) => ({
    value: h.value,
    raw: h.raw,
    role: roleAt(text, h),
  }));
  const charged = readings.filter((r) => r.role === 'charged');
  const expected = readings.filter((r) => r.role === 'expected');
  if (
    readings.some((r) => r.role === 'overcharged') ||
    charged.length !== 1 ||
    expected.length !== 1
  )
    return readings;
  const c = parse(charged[0]?.value ?? '');
  const e = parse(expected[0]?.value ?? '');
  if (c === undefined || e === undefined || c.currency !== e.currency || c.amount <= e.amount)
    return readings;
  return [
    ...readings,
    {
      value: format(c.amount - e.amount, c.currency),
      raw: `${charged[0]?.raw ?? ''} − ${expected[0]?.raw ?? ''}`,
      role: 'overcharged',
    },
  ];
}

const DISPUTED_ORDER: readonly AmountRole[] = [
  'overcharged',
  'charged',
  'claimed',
  'paid',
  'other',
  'expected',
];

/** The disputed amount for `slots.amount`: the overcharge, else the charge, the claim, what was paid… */
export function disputedAmount(
  readings: readonly AmountReading[],
  confidence: number,
): SlotValue | undefined {
  for (const role of DISPUTED_ORDER) {
    const r = readings.find((x) => x.role === role);
    if (r !== undefined) return { value: r.value, raw: r.raw, confidence };
  }
  return undefined;
}
