import type { Language } from '../../domain/taxonomy.js';
import { parseChineseNumber } from './chinese-number.js';
import { parseEnglishNumber } from './english-number.js';
import { addDays, type WallClock } from '../../domain/wall-clock.js';

/** A date or time found in the text, still as a wall clock in the conversation's zone. */
export interface TimeFinding {
  index: number;
  raw: string;
  wall: WallClock;
  hasTime: boolean;
  confidence: number;
  explicitYear: boolean;
  /** False for a bare clock time ("3点"): the date is today. */
  dateKnown: boolean;
  weekdayOnly: boolean;
  /** Only a day of the month ("3号", "the 14th"): a future one means last month. */
  dayOnly: boolean;
  /** A duration up to now ("三天了", "for three days"): its start, ahead of chrono's reading. */
  duration: boolean;
  /** Only a month is said ("11月的账单", "last month"): the value stays month-level, "2026-11". */
  monthOnly?: boolean;
  /** A reading of ours that is more precise than chrono's for the same words ("上上周的周五"). */
  overridesChrono?: boolean;
}

type Rule = {
  lang: Language;
  re: RegExp;
  resolve: (m: RegExpMatchArray, now: WallClock) => Partial<TimeFinding> & { wall: WallClock };
};

const date = (now: WallClock, days: number): WallClock => ({
  ...addDays(now, days),
  hour: 12,
  minute: 0,
});

function monthShift(now: WallClock, months: number, day: number): WallClock {
  const total = now.year * 12 + (now.month - 1) + months;
  return { year: Math.floor(total / 12), month: (total % 12) + 1, day, hour: 12, minute: 0 };
}

const EN_MONTHS = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
];

/** Weekday numbers, Monday 1 … Sunday 7. */
const ZH_WEEKDAY: Readonly<Record<string, number>> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  日: 7,
  天: 7,
};
const EN_WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** The given weekday (1 = Monday) of the week `weeksBack` weeks before this one (weeks start on Monday). */
function weekdayOfWeek(now: WallClock, weeksBack: number, weekday: number): WallClock {
  const today = new Date(Date.UTC(now.year, now.month - 1, now.day)).getUTCDay() || 7;
  return date(now, weekday - today - 7 * weeksBack);
}

/** A month of this year, or last year's when it is still ahead. */
function monthOf(month: number, now: WallClock): Partial<TimeFinding> & { wall: WallClock } {
  const year = month > now.month ? now.year - 1 : now.year;
  return { wall: { year, month, day: 1, hour: 12, minute: 0 }, confidence: 0.7, monthOnly: true };
}

/** Counts said vaguely ("a couple of", "several"); exact number words go to parseEnglishNumber. */
const VAGUE_COUNT: Readonly<Record<string, number>> = {
  couple: 2,
  'a couple of': 2,
  few: 3,
  'a few': 3,
  several: 3,
};

const ZH_SPAN = '(?<!\\d)\\d{1,3}|[一二两三四五六七八九十半几]+';
const ZH_UNIT = '个月|个?小时|天|周|个?星期|个?礼拜|年';
const EN_SPAN =
  '(a couple of|a few|several|an?|one|two|three|four|five|six|seven|couple|few|\\d{1,3})';
const EN_UNIT = '(hours?|days?|weeks?|months?)';

/** Start of a span that lasts until now: N units back; hours keep the clock time. */
function spanStart(
  now: WallClock,
  n: number,
  unit: string,
): Partial<TimeFinding> & { wall: WallClock } {
  if (/小时|hour/.test(unit)) {
    const minutes = now.hour * 60 + now.minute - Math.round(n * 60);
    const days = Math.floor(minutes / 1440);
    const rest = minutes - days * 1440;
    const day = addDays(now, days);
    const wall = { ...day, hour: Math.floor(rest / 60), minute: rest % 60 };
    return { wall, hasTime: true, confidence: 0.5, duration: true };
  }
  const days = /月|month/.test(unit)
    ? 30
    : /年/.test(unit)
      ? 365
      : /周|星期|礼拜|week/.test(unit)
        ? 7
        : 1;
  return { wall: date(now, -Math.round(n * days)), confidence: 0.5, duration: true };
}

function zhSpan(
  raw: string,
  unit: string,
  now: WallClock,
): Partial<TimeFinding> & { wall: WallClock } {
  const n = raw === '半' ? 0.5 : /几/.test(raw) ? 3 : (parseChineseNumber(raw) ?? Number(raw));
  return spanStart(now, Number.isFinite(n) && n > 0 ? n : 1, unit);
}

function enSpan(m: RegExpMatchArray, now: WallClock): Partial<TimeFinding> & { wall: WallClock } {
  const n = englishCount(m[1] ?? '');
  return spanStart(now, n, (m[2] ?? '').toLowerCase());
}

/** What chrono (en, zh.hans 2.x) does not resolve: 上个月5号, 3号, 刚才, 前几天, 上周, the 14th, a week ago. */
const RULES: readonly Rule[] = [
  {
    lang: 'zh',
    re: /(上上个?月|上个?月|本月|这个?月)(\d{1,2})[号日]/g,
    resolve: (m, now) => {
      const shift = m[1]?.startsWith('上上') ? -2 : m[1]?.startsWith('上') ? -1 : 0;
      return { wall: monthShift(now, shift, Number(m[2])) };
    },
  },
  {
    lang: 'zh',
    re: /(?<![月\d.A-Za-z])(\d{1,2})[号日](?![元块\d楼院栋座门线床位房柜窗口仓店厅室机车桌]|单元)/g,
    resolve: (m, now) => ({
      wall: { ...now, day: Number(m[1]), hour: 12, minute: 0 },
      dayOnly: true,
    }),
  },
  {
    // "上上周的周五", "上个礼拜天" (礼拜 is read as 周): a weekday of a past week.
    lang: 'zh',
    re: /(上上|上)个?(?:周|星期)的?(?:周|星期)?([一二三四五六日天])(?![直起样些点切定般共]|下(?!午))/g,
    resolve: (m, now) => ({
      wall: weekdayOfWeek(now, m[1] === '上上' ? 2 : 1, ZH_WEEKDAY[m[2] ?? ''] ?? 1),
      overridesChrono: true,
    }),
  },
  {
    lang: 'en',
    re: /\b(?:the\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+before\s+last\b/gi,
    resolve: (m, now) => ({
      wall: weekdayOfWeek(now, 2, EN_WEEKDAYS.indexOf((m[1] ?? '').toLowerCase()) + 1),
      overridesChrono: true,
    }),
  },
  {
    // "去年12月", "今年3月份": a month of a named year stays month-level.
    lang: 'zh',
    re: /(前年|去年|今年)(\d{1,2})月份?(?![\d号日])/g,
    resolve: (m, now) => ({
      wall: {
        year: now.year - (m[1] === '前年' ? 2 : m[1] === '去年' ? 1 : 0),
        month: Number(m[2]),
        day: 1,
        hour: 12,
        minute: 0,
      },
      confidence: 0.8,
      monthOnly: true,
    }),
  },
  {
    // "月初", "上个月底", "11月中": part of a month is still month-level.
    lang: 'zh',
    re: /(上上个?月|上个?月|这个?月|本月|(\d{1,2})月|月)(初|中旬|中|底|末)(?![\d号日午])/g,
    resolve: (m, now) => {
      if (m[2] !== undefined) return monthOf(Number(m[2]), now);
      const shift = m[1]?.startsWith('上上') ? -2 : m[1]?.startsWith('上') ? -1 : 0;
      return { wall: monthShift(now, shift, 1), confidence: 0.6, monthOnly: true };
    },
  },
  {
    // "刚才说的39" is when it was said, not when it happened.
    lang: 'zh',
    re: /(?:刚才|刚刚|方才)(?!\s*(?:不是|都|也)?(?:说|讲|提|问|写|发的|跟你))/g,
    resolve: (_m, now) => ({ wall: now, hasTime: true, confidence: 0.7 }),
  },
  {
    lang: 'zh',
    re: /前几天|前两天|这两天|这几天/g,
    resolve: (_m, now) => ({ wall: date(now, -2), confidence: 0.5 }),
  },
  {
    lang: 'zh',
    re: /上上周|上上个?星期/g,
    resolve: (_m, now) => ({ wall: date(now, -14), confidence: 0.5 }),
  },
  {
    lang: 'zh',
    re: /上周|上个?星期|上个礼拜/g,
    resolve: (_m, now) => ({ wall: date(now, -7), confidence: 0.5 }),
  },
  {
    lang: 'zh',
    re: /(上上个?月|上个?月|这个?月|本月)(?![\d初中底])/g,
    resolve: (m, now) => {
      const shift = m[1]?.startsWith('上上') ? -2 : m[1]?.startsWith('上') ? -1 : 0;
      return { wall: monthShift(now, shift, 1), confidence: 0.6, monthOnly: true };
    },
  },
  {
    // "11月的账单", "9月份": a month with no day is month-level; a month still ahead is last year's.
    lang: 'zh',
    re: /(?<![\d年.\-/])(\d{1,2})月份?(?![\d号日初中底])/g,
    resolve: (m, now) => monthOf(Number(m[1]), now),
  },
  {
    lang: 'en',
    re: /\b(last|this) month(?:'s)?\b/gi,
    resolve: (m, now) => ({
      wall: monthShift(now, (m[1] ?? '').toLowerCase() === 'last' ? -1 : 0, 1),
      confidence: 0.6,
      monthOnly: true,
    }),
  },
  {
    lang: 'en',
    re: /\b(?:in|for|during|since|from|over|of|my|the)\s+(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?:'s)?\b(?!\s*\d)(?!\s+(?:the\s+)?\d)/gi,
    resolve: (m, now) =>
      monthOf(EN_MONTHS.indexOf((m[1] ?? '').slice(0, 3).toLowerCase()) + 1, now),
  },
  {
    lang: 'zh',
    re: /([\d一二两三四五六七八九十半]+)\s*(周|个?星期|个?礼拜|个月|年)(?:以)?前/g,
    resolve: (m, now) => {
      const n = parseChineseNumber(m[1] ?? '') ?? (m[1] === '半' ? 0.5 : 1);
      const unit = m[2] ?? '';
      const days = unit.includes('月') ? 30 : unit === '年' ? 365 : 7;
      return { wall: date(now, -Math.round(n * days)), confidence: 0.6 };
    },
  },
  {
    // "三天了", "一周都没修", "断了三天", "等了半个月": a span up to now, dated from its start.
    lang: 'zh',
    re: new RegExp(
      `(?:(?<=[了过])|已经|都|整整|足足)(${ZH_SPAN})多?(${ZH_UNIT})多?|(${ZH_SPAN})多?(${ZH_UNIT})多?(?=了|都|以来|没|还|一直)`,
      'g',
    ),
    resolve: (m, now) => zhSpan(m[1] ?? m[3] ?? '', m[2] ?? m[4] ?? '', now),
  },
  {
    // "down for three days", "for the past 2 weeks", "three days now".
    lang: 'en',
    re: new RegExp(
      `\\b(?:for\\s+(?:the\\s+(?:past|last)\\s+)?(?:over\\s+)?|(?:the\\s+)?(?:past|last)\\s+)${EN_SPAN}\\s+${EN_UNIT}\\b`,
      'gi',
    ),
    resolve: enSpan,
  },
  {
    lang: 'en',
    re: new RegExp(`\\b${EN_SPAN}\\s+${EN_UNIT}\\s+(?:now|already|straight|in a row)\\b`, 'gi'),
    resolve: enSpan,
  },
  {
    lang: 'en',
    re: /\b(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)\b(?!\s+of\s)/gi,
    resolve: (m, now) => ({
      wall: { ...now, day: Number(m[1]), hour: 12, minute: 0 },
      dayOnly: true,
    }),
  },
  {
    lang: 'en',
    re: /\bjust now\b|\ba (?:moment|minute) ago\b/gi,
    resolve: (_m, now) => ({ wall: now, hasTime: true, confidence: 0.7 }),
  },
  {
    lang: 'en',
    // A guess, as 前几天 is: an exact day said later replaces it.
    re: /\b(?:a few days ago|the other day|(?:a )?couple of days ago)\b/gi,
    resolve: (_m, now) => ({ wall: date(now, -2), confidence: 0.5, overridesChrono: true }),
  },
  {
    lang: 'en',
    re: /\blast week\b(?!\s*(?:on\s+)?(?:mon|tue|wed|thu|fri|sat|sun))/gi,
    resolve: (_m, now) => ({ wall: date(now, -7), confidence: 0.5, overridesChrono: true }),
  },
  {
    lang: 'en',
    re: /\b(a|an|one|two|three|four|five|six|seven|\d+)\s+(weeks?|months?)\s+ago\b/gi,
    resolve: (m, now) => {
      const n = englishCount(m[1] ?? '');
      const days = (m[2] ?? '').toLowerCase().startsWith('month') ? 30 : 7;
      return { wall: date(now, -n * days), confidence: 0.6 };
    },
  },
];

export function findCustomTimes(text: string, lang: Language, now: WallClock): TimeFinding[] {
  const found: TimeFinding[] = [];
  for (const rule of RULES) {
    if (rule.lang !== lang) continue;
    for (const m of text.matchAll(rule.re)) {
      const r = rule.resolve(m, now);
      if (r.wall.day < 1 || r.wall.day > 31 || r.wall.month < 1 || r.wall.month > 12) continue;
      found.push({
        index: m.index,
        raw: m[0],
        hasTime: false,
        confidence: 0.85,
        explicitYear: false,
        dateKnown: true,
        weekdayOnly: false,
        dayOnly: false,
        duration: false,
        ...r,
      });
    }
  }
  return found;
}

/** "a couple of" → 2, "three" → 3, "12" → 12. */
function englishCount(word: string): number {
  const lower = word.toLowerCase();
  return VAGUE_COUNT[lower] ?? parseEnglishNumber(lower) ?? Number(word);
}
