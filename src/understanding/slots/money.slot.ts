import { CHINESE_NUMERAL_CHARS, parseChineseNumber } from './chinese-number.js';
import type { SlotExtractor, SlotHit } from './slot-types.js';

/** A number that is not the tail of an order id or a phone (no letter, digit or dot glued before it). */
const NUM = `(?<![A-Za-z\\d.])(?:\\d{1,3}(?:,\\d{3})+|\\d{1,9})(?:\\.\\d+)?`;
const CN = `[${CHINESE_NUMERAL_CHARS}]+`;
const ZH_AMOUNT = `(?:${NUM}[十百千万亿]?|${CN})`;

/** ¥1,999 / RMB 50 / 人民币3000 */
const YUAN_PREFIX = new RegExp(`(?:¥|￥|rmb|cny|人民币)\\s?(${ZH_AMOUNT})(多)?`, 'giu');
/** 5块 / 一万二千元 / 两百多块钱 / 五块五 / 30元5角 */
const YUAN_SUFFIX = new RegExp(
  `(${ZH_AMOUNT})(多)?\\s?(块钱|块(?![儿去来走吃玩住坐做干聊])|元钱|元|圆|rmb|人民币|yuan|cny)(?:\\s?([${CHINESE_NUMERAL_CHARS}\\d])(?:毛|角)?)?`,
  'giu',
);
const CURRENCY_SYMBOL: Readonly<Record<string, string>> = {
  $: 'USD',
  US$: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  HK$: 'HKD',
};
/** $49.99 / US$ 20 / €15 / £3.50 */
const SYMBOL_PREFIX =
  /(US\$|HK\$|\$|€|£)\s?((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?)(\s?(?:k|thousand|million)\b)?/gi;
const CURRENCY_WORD: ReadonlyArray<[RegExp, string]> = [
  [/^(dollars?|bucks|usd)$/i, 'USD'],
  [/^(euros?|eur)$/i, 'EUR'],
  [/^(pounds?|quid|gbp)$/i, 'GBP'],
  [/^(yuan|rmb|cny|renminbi)$/i, 'CNY'],
  [/^(美元|美金)$/, 'USD'],
  [/^(欧元)$/, 'EUR'],
  [/^(英镑)$/, 'GBP'],
  [/^(港币|港元)$/, 'HKD'],
];
/** 30 dollars / 49.99 USD / 200 euros / 100美元 */
const WORD_SUFFIX = new RegExp(
  `(${NUM}|${CN})\\s?(thousand\\s|k\\s)?(dollars?|bucks|usd|euros?|eur|pounds?|quid|gbp|yuan|rmb|cny|renminbi|美元|美金|欧元|英镑|港币|港元)(?![a-z])`,
  'giu',
);

/** 扣了两百多 / 花了300: a money verb before a bare number (not followed by a unit of time or count). */
const MONEY_VERB = new RegExp(
  `(?:扣了|扣我|多扣了|收了|多收了|收我|花了|付了|交了|充了|充值了?|罚了|损失了?|赔了?|退了?)(?:我)?(${ZH_AMOUNT})(多)?(?![\\d${CHINESE_NUMERAL_CHARS}]|[天次个分秒小时号月年周条件张台位点笔%])`,
  'gu',
);

/** Bare numbers a money word makes an amount: "月租39", "一笔1888一笔260", "年付的 1200". */
const ROLE_NUMBER = new RegExp(
  `(?:月租|月费|套餐费?|一笔|两笔|每笔|单笔|年付的?|说好的?|原价|标价)\\s*(?:是|为|才)?\\s*(${ZH_AMOUNT})(?!\\d|[天次个分秒小时号月年周条件张台位点笔%GMmBb兆])`,
  'gu',
);
/** "1200已经交了": a number the verb follows. */
const NUMBER_THEN_VERB = new RegExp(
  `(${NUM})\\s*(?=(?:已经|都)?(?:被)?(?:交|付|扣|收|充)了)`,
  'gu',
);

function format(amount: number): string {
  return Number.isInteger(amount) ? String(amount) : amount.toFixed(2);
}

function currencyOf(word: string): string {
  return CURRENCY_WORD.find(([re]) => re.test(word.trim()))?.[1] ?? 'CNY';
}

function hit(
  raw: string,
  index: number,
  amount: number | undefined,
  currency: string,
  approx: boolean,
): SlotHit[] {
  if (amount === undefined || !Number.isFinite(amount) || amount <= 0) return [];
  return [
    {
      slot: 'amount',
      value: `${format(amount)} ${currency}`,
      raw,
      index,
      confidence: approx ? 0.7 : 0.9,
    },
  ];
}

/** Money with currency, normalised to "12000 CNY" / "49.99 USD"; 多 (approximately) lowers confidence. */
export const extractMoney: SlotExtractor = ({ text }) => {
  const hits: SlotHit[] = [];
  const taken: Array<[number, number]> = [];
  const free = (start: number, end: number): boolean =>
    taken.every(([s, e]) => end <= s || start >= e);
  const push = (m: RegExpMatchArray, found: SlotHit[]): void => {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (found.length === 0 || !free(start, end)) return;
    taken.push([start, end]);
    hits.push(...found);
  };
  for (const m of text.matchAll(SYMBOL_PREFIX)) {
    const scale = /k|thousand/i.test(m[3] ?? '') ? 1000 : /million/i.test(m[3] ?? '') ? 1e6 : 1;
    const amount = Number((m[2] ?? '').replace(/,/g, '')) * scale;
    push(
      m,
      hit(m[0], m.index, amount, CURRENCY_SYMBOL[(m[1] ?? '$').toUpperCase()] ?? 'USD', false),
    );
  }
  for (const m of text.matchAll(WORD_SUFFIX)) {
    const scale = m[2] === undefined ? 1 : 1000;
    const base = parseChineseNumber(m[1] ?? '');
    push(
      m,
      hit(
        m[0],
        m.index,
        base === undefined ? undefined : base * scale,
        currencyOf(m[3] ?? ''),
        false,
      ),
    );
  }
  for (const m of text.matchAll(YUAN_PREFIX)) {
    push(m, hit(m[0], m.index, parseChineseNumber(m[1] ?? ''), 'CNY', m[2] !== undefined));
  }
  for (const m of text.matchAll(YUAN_SUFFIX)) {
    const base = parseChineseNumber(m[1] ?? '');
    const jiao = m[4] === undefined ? 0 : (parseChineseNumber(m[4]) ?? 0) / 10;
    const amount = base === undefined ? undefined : base + jiao;
    push(m, hit(m[0], m.index, amount, 'CNY', m[2] !== undefined));
  }
  for (const re of [MONEY_VERB, ROLE_NUMBER, NUMBER_THEN_VERB]) {
    for (const m of text.matchAll(re)) {
      push(m, hit(m[0], m.index, parseChineseNumber(m[1] ?? ''), 'CNY', re === MONEY_VERB));
    }
  }
  return hits.sort((a, b) => a.index - b.index);
};
