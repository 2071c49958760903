/** Chinese numerals as customers write them: 一万二千, 两百多, 三千五, 十五, 1.5万, 一千零五. */

const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  幺: 1,
  二: 2,
  两: 2,
  俩: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SMALL_UNITS: Readonly<Record<string, number>> = {
  十: 10,
  拾: 10,
  百: 100,
  佰: 100,
  千: 1000,
  仟: 1000,
};
const BIG_UNITS: Readonly<Record<string, number>> = { 万: 10_000, 萬: 10_000, 亿: 100_000_000 };

/** Characters that may appear in a Chinese numeral (for building patterns). */
export const CHINESE_NUMERAL_CHARS = '零〇一幺二两俩三四五六七八九十拾百佰千仟万萬亿';

/** Parses a run of Chinese numerals or Arabic digits with Chinese units; undefined if it is not a number. */
export function parseChineseNumber(input: string): number | undefined {
  const s = input.replace(/,/g, '');
  if (s === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  // Arabic digits with a trailing unit: 1.5万, 3千, 2百.
  const mixed = /^(\d+(?:\.\d+)?)([十百千万亿])$/.exec(s);
  if (mixed) {
    const unit = SMALL_UNITS[mixed[2] ?? ''] ?? BIG_UNITS[mixed[2] ?? ''] ?? 1;
    return Number(mixed[1]) * unit;
  }
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  let lastUnit = 0;
  for (const ch of s) {
    if (ch in DIGITS) {
      digit = DIGITS[ch];
      continue;
    }
    const small = SMALL_UNITS[ch];
    if (small !== undefined) {
      section += (digit ?? 1) * small;
      digit = undefined;
      lastUnit = small;
      continue;
    }
    const big = BIG_UNITS[ch];
    if (big !== undefined) {
      total = (total + section + (digit ?? 0)) * big;
      section = 0;
      digit = undefined;
      lastUnit = big;
      continue;
    }
    if (/\d/.test(ch)) {
      digit = (digit ?? 0) * 10 + Number(ch);
      continue;
    }
    return undefined;
  }
  if (digit !== undefined) {
    // 三千五 = 3500, 一万二 = 12000: a trailing digit counts in the next-lower unit.
    const trailingUnit = lastUnit >= 10 && !s.endsWith('零' + [...s].at(-1)) ? lastUnit / 10 : 1;
    section += digit * (trailingUnit >= 1 ? trailingUnit : 1);
  }
  return total + section;
}
