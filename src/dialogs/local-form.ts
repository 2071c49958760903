import type { Language } from '../domain/taxonomy.js';
import { wallClockAt } from '../domain/wall-clock.js';

const MONTHS_EN = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];
const CURRENCY: Readonly<Record<string, { zh: [string, string]; en: [string, string] }>> = {
  CNY: { zh: ['', '元'], en: ['¥', ''] },
  USD: { zh: ['', '美元'], en: ['$', ''] },
  GBP: { zh: ['', '英镑'], en: ['£', ''] },
  EUR: { zh: ['', '欧元'], en: ['€', ''] },
  HKD: { zh: ['', '港币'], en: ['HK$', ''] },
};

/**
 * A normalised time ("2026-11-29", "2026-11-24T15:00:00+08:00", "2026-11") the way a person says
 * it: 11月29日下午3点 / 29 Nov, 3 pm; the year only when it is not this year's.
 */
export function spokenTime(value: string, lang: Language, timeZone: string, now: Date): string {
  const month = /^(\d{4})-(\d{2})$/.exec(value);
  const today = wallClockAt(now, timeZone);
  if (month) {
    const [year, m] = [Number(month[1]), Number(month[2])];
    const y = year === today.year ? '' : lang === 'zh' ? `${year}年` : ` ${year}`;
    return lang === 'zh' ? `${y}${m}月` : `${MONTHS_EN[m - 1] ?? ''}${y}`;
  }
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const at = dateOnly
    ? {
        year: Number(dateOnly[1]),
        month: Number(dateOnly[2]),
        day: Number(dateOnly[3]),
        hour: 0,
        minute: 0,
      }
    : Number.isNaN(new Date(value).getTime())
      ? undefined
      : wallClockAt(new Date(value), timeZone);
  if (!at) return value;
  const withClock = !dateOnly && (at.hour !== 0 || at.minute !== 0);
  if (lang === 'zh') {
    const y = at.year === today.year ? '' : `${at.year}年`;
    return `${y}${at.month}月${at.day}日${withClock ? zhClock(at.hour, at.minute) : ''}`;
  }
  const y = at.year === today.year ? '' : ` ${at.year}`;
  const date = `${at.day} ${MONTHS_EN[at.month - 1] ?? ''}${y}`;
  return withClock ? `${date}, ${enClock(at.hour, at.minute)}` : date;
}

function zhClock(hour: number, minute: number): string {
  const period =
    hour < 6 ? '凌晨' : hour < 12 ? '上午' : hour < 13 ? '中午' : hour < 18 ? '下午' : '晚上';
  const h = hour > 12 ? hour - 12 : hour;
  return `${period}${h}点${minute === 0 ? '' : minute === 30 ? '半' : `${minute}分`}`;
}

function enClock(hour: number, minute: number): string {
  const h = hour % 12 === 0 ? 12 : hour % 12;
  const m = minute === 0 ? '' : `:${String(minute).padStart(2, '0')}`;
  return `${h}${m} ${hour < 12 ? 'am' : 'pm'}`;
}

/** "28.80 CNY" as 28.8元 / ¥28.80, "12 GBP" as 12英镑 / £12; an unknown shape is returned as given. */
export function spokenAmount(value: string, lang: Language): string {
  const match = /^(\d+(?:\.\d+)?) ([A-Z]{3})$/.exec(value.trim());
  if (!match) return value;
  const [, number = '', code = ''] = match;
  const currency = CURRENCY[code];
  if (!currency) return lang === 'zh' ? `${number}${code}` : `${code} ${number}`;
  const [before, after] = currency[lang];
  const shown = lang === 'zh' ? String(Number(number)) : number;
  return `${before}${shown}${after}`;
}
