import type { Language } from '../../domain/taxonomy.js';
import { CHINESE_NUMERAL_CHARS, parseChineseNumber } from './chinese-number.js';
import { ENGLISH_NUMBER, parseEnglishNumber } from './english-number.js';
import type { SlotExtractor, SlotHit } from './slot-types.js';

/** A number that is not the tail of an order id or a phone (no letter, digit or dot glued before it). */
const NUM = `(?<![A-Za-z\\d.])(?:\\d{1,3}(?:,\\d{3})+|\\d{1,9})(?:\\.\\d+)?`;
const CN = `[${CHINESE_NUMERAL_CHARS}]+`;
const ZH_AMOUNT = `(?:${NUM}[十百千万亿]?|${CN})`;
/** A bare amount: as above, but a lone 一 starts a word ("一共", "一下"), it is not one yuan. */
const ZH_BARE = `(?:${NUM}[十百千万亿]?|[${CHINESE_NUMERAL_CHARS}]{2,}|[二两三四五六七八九十百千万])`;

/** ¥1,999 / RMB 50 / 人民币3000 */
const YUAN_PREFIX = new RegExp(`(?:¥|￥|rmb|cny|人民币)\\s?(${ZH_AMOUNT})(多)?`, 'giu');
/** 5块 / 一万二千元 / 两百多块钱 / 五块五 / 30元5角 */
const YUAN_SUFFIX = new RegExp(
  `(${ZH_AMOUNT})(多)?\\s?(块钱|块(?![儿去来走吃玩住坐做干聊])|元钱|元|圆|rmb|人民币|yuan|cny)(?:([${CHINESE_NUMERAL_CHARS}\\d])(?:毛|角)?(?![\\d${CHINESE_NUMERAL_CHARS}]))?`,
  'giu',
);
const CURRENCY_SYMBOL: Readonly<Record<string, string>> = {
  $: 'USD',
  US$: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  HK$: 'HKD',
  A$: 'AUD',
  AU$: 'AUD',
  S$: 'SGD',
  C$: 'CAD',
  NZ$: 'NZD',
};
/** $49.99 / US$ 20 / €15 / £3.50 */
const SYMBOL_PREFIX =
  /(US\$|HK\$|AU?\$|S\$|C\$|NZ\$|\$|€|£)\s?((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?)(\s?(?:k|thousand|million)\b)?/gi;
const CURRENCY_WORD: ReadonlyArray<[RegExp, string]> = [
  [/^(dollars?|bucks|usd)$/i, 'USD'],
  [/^(euros?|eur)$/i, 'EUR'],
  [/^(pounds?|quid|gbp)$/i, 'GBP'],
  [/^(yuan|rmb|cny|renminbi)$/i, 'CNY'],
  [/^(aud)$/i, 'AUD'],
  [/^(hkd)$/i, 'HKD'],
  [/^(美元|美金)$/, 'USD'],
  [/^(欧元)$/, 'EUR'],
  [/^(英镑)$/, 'GBP'],
  [/^(港币|港元)$/, 'HKD'],
];
/** 30 dollars / 49.99 USD / 200 euros / 100美元 / forty quid */
const WORD_SUFFIX = new RegExp(
  `(${NUM}|${CN}|\\b${ENGLISH_NUMBER})\\s?(thousand\\s|k\\s)?(dollars?|bucks|usd|aud|hkd|euros?|eur|pounds?|quid|gbp|yuan|rmb|cny|renminbi|美元|美金|欧元|英镑|港币|港元)(?![a-z])`,
  'giu',
);

/** What may follow a bare number that is money: not a unit of time, count, size or percent. */
const NOT_MONEY_AFTER = `(?!\\d|\\s?[天次个分秒小时号月年周条件张台位点笔楼栋层室单%GMmBbKk兆岁斤公里平米度])`;
/** 扣了两百多 / 花了300 / 转了五千 / 每年扣368: a money verb before a bare number. */
const MONEY_VERB = new RegExp(
  `(?:多扣了?|扣了|扣的是|扣我|扣款|扣|多收了?|收了|收我|收费|花了|付了|交了|交的|充了|充值了?|转了|转账|罚了|损失了?|赔了?|退了?|没了|要了?|涨到了?|涨成|变成了?|一共|总共|合计|加起来)(?:我)?(?:是|为)?\\s?(${ZH_BARE})(多)?${NOT_MONEY_AFTER}`,
  'gu',
);

/**
 * Bare numbers a money word makes an amount: "月租39", "一笔1888一笔260", "年付的 1200",
 * "上门费80", "金额是1299", "每个月25", "去年3200今年4100", "只要29".
 */
const ROLE_NUMBER = new RegExp(
  `(?:月租|月费|年费|租金|套餐费?|一笔|两笔|每笔|单笔|年付的?|说好的?|原价|标价|票价|价格|金额|总价|[^\\s\\d]费|违约金|押金|保证金|定金|每个?月|每年|每次|每天|一个月|去年|今年|前年|只要|才|写的是?|明明是|原来是?|本来是?|以前是?)\\s*(?:都)?(?:是|为|才|要|收|多)?\\s*(${ZH_BARE})(?![.\\d])${NOT_MONEY_AFTER}`,
  'gu',
);
/** "1200已经交了", "五万押金": a number the verb or the money word follows. */
const NUMBER_THEN_VERB = new RegExp(
  `(${ZH_BARE})\\s*(?=(?:已经|都)?(?:被)?(?:交|付|扣|收|充)了|(?:块)?(?:押金|保证金|违约金|定金|订金)|(?:是|就是)(?:我的)?(?:月租|月费|套餐费?|原价))`,
  'gu',
);
/** What may not follow an English bare amount: a time, a count, a size, a street name. */
const EN_NOT_MONEY_AFTER = `(?![\\d.:%]|\\s?(?:[ap]m|mins?|minutes?|hours?|days?|weeks?|months?|years?|times?|gb|mb|items?|people|of)\\b|[a-z])`;
/** "charged me 89 instead of 59": a money verb makes a bare number an amount. */
const EN_BARE = new RegExp(
  `\\b(?:charged(?: me)?|billed(?: me)?|took|paid|cost|costs|instead of)\\s+(\\d{1,5}\\.\\d{2}|\\d{2,5})${EN_NOT_MONEY_AFTER}`,
  'gi',
);
/** "one 45.00 and one 12.30", "the bill says 84.20": after a weaker word, only a figure with pence. */
const EN_BARE_DECIMAL = new RegExp(
  `\\b(?:one|of|is|was|says|said|for)\\s+(\\d{1,5}\\.\\d{2})${EN_NOT_MONEY_AFTER}`,
  'gi',
);

/**
 * Numbers that belong to a date or a time of day: 周三, 星期四, 礼拜天, 初五, 3号, 十一月, 三点, 15:30.
 * A bare number inside one is never money ("上周三被扣了39块" is 39 yuan, not 3).
 */
const DATE_WORD = new RegExp(
  `(?:周|週|星期|礼拜|禮拜|初)[一二三四五六七日天1-7]|[\\d${CHINESE_NUMERAL_CHARS}]+\\s?(?:月份?|号|號|日|点半?|點|时|時|分钟?)|\\d{1,2}:\\d{2}`,
  'gu',
);

function dateSpans(text: string): Array<[number, number]> {
  return [...text.matchAll(DATE_WORD)].map((m) => [m.index, m.index + m[0].length]);
}

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
  // "几十块" is no figure to file.
  if (amount === undefined || !Number.isFinite(amount) || amount <= 0 || raw.includes('几'))
    return [];
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

/** Parses a number said in Chinese, digits or English words. */
function parseNumber(raw: string): number | undefined {
  return parseChineseNumber(raw) ?? parseEnglishNumber(raw);
}

/**
 * Money with currency, normalised to "12000 CNY" / "49.99 USD"; 多 (approximately) lowers
 * confidence. A bare number a money word makes an amount is in the language's default currency.
 */
export function createMoneyExtractor(
  defaultCurrency: Readonly<Record<Language, string>>,
): SlotExtractor {
  return (input) => extractMoney(input.text, defaultCurrency[input.lang]);
}

function extractMoney(text: string, bareCurrency: string): SlotHit[] {
  const hits: SlotHit[] = [];
  const taken: Array<[number, number]> = [];
  const free = (start: number, end: number): boolean =>
    taken.every(([s, e]) => end <= s || start >= e);
  const push = (m: RegExpMatchArray, found: SlotHit[]): void => {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    // "几十块", "好几百": some money, no figure.
    if (found.length === 0 || !free(start, end) || /[几好]/.test(text[start - 1] ?? '')) return;
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
    const base = parseNumber(m[1] ?? '');
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
  const dates = dateSpans(text);
  for (const re of [MONEY_VERB, ROLE_NUMBER, NUMBER_THEN_VERB, EN_BARE, EN_BARE_DECIMAL]) {
    const approx = re === MONEY_VERB || re === EN_BARE || re === EN_BARE_DECIMAL;
    for (const m of text.matchAll(re)) {
      const number = m[1] ?? '';
      const start = m.index + m[0].lastIndexOf(number);
      const end = start + number.length;
      if (dates.some(([s, e]) => start < e && end > s)) continue;
      push(m, hit(m[0], m.index, parseChineseNumber(number), bareCurrency, approx));
    }
  }
  return hits.sort((a, b) => a.index - b.index);
}
