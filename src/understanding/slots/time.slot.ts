import * as chrono from 'chrono-node';
import type { Language } from '../../domain/taxonomy.js';
import { CHINESE_NUMERAL_CHARS, parseChineseNumber } from './chinese-number.js';
import { findCustomTimes, type TimeFinding } from './time-rules.js';
import type { SlotHit, SlotInput } from './slot-types.js';
import {
  addDays,
  formatWallClock,
  wallClockAt,
  wallKey,
  type WallClock,
} from '../../domain/wall-clock.js';

/** Hours implied by a part of the day when no clock time is given. */
const PART_OF_DAY: ReadonlyArray<[RegExp, number]> = [
  [/凌晨|半夜|深夜|midnight|small hours/i, 2],
  [/早上|早晨|上午|今早|昨早|清早|一早|morning/i, 9],
  [/中午|\bnoon\b|\blunch/i, 12],
  [/下午|afternoon/i, 15],
  [/傍晚|evening/i, 18],
  [/晚上|昨晚|今晚|夜里|夜间|night|tonight/i, 20],
];
const FUTURE_MARK =
  /明天|后天|下周|下个|下礼拜|下星期|明早|明晚|以后联系|tomorrow|next|tonight|later/i;
const NUMERAL_BEFORE_UNIT = new RegExp(
  `([${CHINESE_NUMERAL_CHARS}]{1,4})(?=[月号日点时]|个?小时|天前|分)`,
  'g',
);

/** 十一月三号 → 11月3号 so chrono and the rules see digits; lengths change, positions are approximate. */
function digitise(text: string): string {
  return text
    .replace(NUMERAL_BEFORE_UNIT, (m: string) => String(parseChineseNumber(m) ?? m))
    .replace(/礼拜/g, '周');
}

/** chrono is the slowest step; skip it when nothing in the text can be a date or time. */
const MAY_BE_TIME: Readonly<Record<Language, RegExp>> = {
  zh: /[天周月号日点时早晚午昨今明前后夜]|星期|礼拜|\d[:：]\d/,
  en: /\d|\b(?:yesterday|today|tonight|tomorrow|ago|last|next|this|morning|noon|afternoon|evening|night|mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i,
};

function fromChrono(text: string, lang: Language, now: WallClock): TimeFinding[] {
  if (!MAY_BE_TIME[lang].test(text)) return [];
  const ref = new Date(now.year, now.month - 1, now.day, now.hour, now.minute);
  const parser = lang === 'zh' ? chrono.zh.hans : chrono.en;
  const results = parser.parse(text, ref);
  const found: TimeFinding[] = [];
  for (const r of results) {
    const c = r.start;
    const wall: WallClock = {
      year: c.get('year') ?? now.year,
      month: c.get('month') ?? now.month,
      day: c.get('day') ?? now.day,
      hour: c.get('hour') ?? 12,
      minute: c.get('minute') ?? 0,
    };
    const timeOnly = !c.isCertain('day') && !c.isCertain('weekday') && !c.isCertain('month');
    const prev = found.at(-1);
    // "上周三下午": chrono returns the date and the part of day separately; join them.
    if (timeOnly && prev !== undefined && r.index - (prev.index + prev.raw.length) <= 1) {
      prev.raw = text.slice(prev.index, r.index + r.text.length);
      prev.wall = { ...prev.wall, hour: wall.hour, minute: wall.minute };
      prev.hasTime = c.isCertain('hour') || PART_OF_DAY.some(([re]) => re.test(r.text));
      continue;
    }
    found.push({
      index: r.index,
      raw: r.text,
      wall,
      hasTime: c.isCertain('hour'),
      confidence: 0.9,
      explicitYear: c.isCertain('year'),
      dateKnown: !timeOnly,
      weekdayOnly: c.isCertain('weekday') && !c.isCertain('day'),
      dayOnly: false,
      duration: false,
    });
  }
  return found;
}

/** Complaints are about the past: a date that lands in the future without a future word moves back. */
function preferPast(f: TimeFinding, now: WallClock): void {
  if (FUTURE_MARK.test(f.raw) || f.explicitYear) return;
  const tomorrow = wallKey(addDays({ ...now, hour: 23, minute: 59 }, 0));
  if (wallKey(f.wall) <= tomorrow) return;
  if (f.weekdayOnly) f.wall = addDays(f.wall, -7);
  else if (f.dayOnly)
    f.wall = {
      ...f.wall,
      month: f.wall.month === 1 ? 12 : f.wall.month - 1,
      year: f.wall.month === 1 ? f.wall.year - 1 : f.wall.year,
    };
  else f.wall = { ...f.wall, year: f.wall.year - 1 };
}

function applyPartOfDay(f: TimeFinding): void {
  if (f.hasTime) return;
  const part = PART_OF_DAY.find(([re]) => re.test(f.raw));
  if (part === undefined) return;
  f.wall = { ...f.wall, hour: part[1], minute: 0 };
  f.hasTime = true;
  f.confidence = Math.min(f.confidence, 0.8);
}

/** "I've said this three times now", "现在还在扣": the present is when it is said, not when it happened. */
const NOT_AN_INCIDENT_TIME = /^(?:(?:right )?now|现在|目前)$/i;

const NOT_A_DATE_AFTER = /^(?:楼|院|栋|幢|座|单元|室|门|线|床|房|号)/u;

/** A time found, and whether it lies after the conversation's now (fine for a callback, not an incident). */
export interface TimeHit extends SlotHit {
  future: boolean;
}

function isFuture(f: TimeFinding, now: WallClock): boolean {
  if (f.hasTime) return wallKey(f.wall) > wallKey(now);
  return wallKey({ ...f.wall, hour: 0, minute: 0 }) > wallKey({ ...now, hour: 0, minute: 0 });
}

/**
 * "上周四上午10点": our rule reads the day, chrono the hour that runs on after it; the day keeps the
 * hour. A span, a month or a guess ("上周") takes none.
 */
function takeClock(f: TimeFinding, chronos: readonly TimeFinding[], text: string): void {
  if (f.hasTime || f.duration || f.monthOnly === true || f.confidence < 0.7) return;
  const end = f.index + f.raw.length;
  const clock = chronos.find(
    (g) => g.hasTime && g.index <= end + 1 && g.index + g.raw.length > end,
  );
  if (clock === undefined) {
    // "上周三下午": the part of the day alone, read by applyPartOfDay from the raw words.
    const part = /^(?:凌晨|半夜|深夜|早上|早晨|上午|中午|下午|傍晚|晚上|夜里)/u.exec(
      text.slice(end),
    );
    if (part !== null) f.raw += part[0];
    return;
  }
  f.wall = { ...f.wall, hour: clock.wall.hour, minute: clock.wall.minute };
  f.hasTime = true;
  f.raw = text.slice(f.index, clock.index + clock.raw.length);
}

/** Dates and times, resolved to ISO in the conversation's zone: chrono (en, zh.hans) plus our own rules. */
export function findTimes(input: SlotInput): TimeHit[] {
  const now = wallClockAt(input.context.now, input.timeZone);
  const text = digitise(input.text);
  const overlap = (f: TimeFinding, g: TimeFinding): boolean =>
    f.index < g.index + g.raw.length && f.index + f.raw.length > g.index;
  const custom = findCustomTimes(text, input.lang, now);
  // chrono reads "for 3 days" as three days ahead and "11月" as the 1st: our reading wins.
  const ours = custom.filter(
    (f) => f.duration || f.monthOnly === true || f.overridesChrono === true,
  );
  const chronos = fromChrono(text, input.lang, now);
  const findings = chronos.filter(
    (g) => !ours.some((f) => overlap(f, g)) && !NOT_AN_INCIDENT_TIME.test(g.raw),
  );
  for (const f of custom) {
    if (findings.some((g) => overlap(f, g))) continue;
    takeClock(f, chronos, text);
    findings.push(f);
  }
  const hits: TimeHit[] = [];
  for (const f of findings) {
    // "9号楼", "3号线": a number before a building or line word is no date.
    if (NOT_A_DATE_AFTER.test(text.slice(f.index + f.raw.length, f.index + f.raw.length + 2)))
      continue;
    if (f.monthOnly === true) {
      const value = `${String(f.wall.year).padStart(4, '0')}-${String(f.wall.month).padStart(2, '0')}`;
      // "月初" on the 1st at 10:00 is this month, not a time still ahead.
      const future = f.wall.year * 12 + f.wall.month > now.year * 12 + now.month;
      hits.push({
        slot: 'time',
        value,
        raw: f.raw,
        confidence: f.confidence,
        index: f.index,
        future,
      });
      continue;
    }
    applyPartOfDay(f);
    if (!f.dateKnown) f.wall = { ...f.wall, year: now.year, month: now.month, day: now.day };
    preferPast(f, now);
    hits.push({
      slot: 'time',
      value: formatWallClock(f.wall, input.timeZone, f.hasTime),
      raw: f.raw,
      confidence: f.confidence,
      index: f.index,
      future: isFuture(f, now),
    });
  }
  return hits.sort((a, b) => a.index - b.index);
}
