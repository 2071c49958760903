/**
 * Wall-clock arithmetic in an IANA time zone without a time-zone library: Intl gives the offset.
 * Shared by the slot rules, the dialogs' spoken times and the ticket day.
 */
import type { Language } from './taxonomy.js';

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows the zone. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

const pad = (n: number, width = 2): string => String(Math.trunc(Math.abs(n))).padStart(width, '0');

const recent = new Map<string, WallClock>();
const RECENT_MAX = 512;

/** The wall clock in `timeZone` at the instant `date` (to the minute; Intl is slow, so recent answers are kept). */
export function wallClockAt(date: Date, timeZone: string): WallClock {
  const key = `${timeZone}|${Math.floor(date.getTime() / 60_000)}`;
  const known = recent.get(key);
  if (known !== undefined) return known;
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(date)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const wall = {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
  };
  if (recent.size >= RECENT_MAX) recent.clear();
  recent.set(key, Object.freeze(wall));
  return wall;
}

/** The calendar day of `at` in `timeZone`, "2026-11-24". */
export function localDay(at: Date, timeZone: string): string {
  return formatWallClock(wallClockAt(at, timeZone), timeZone, false);
}

/** `at` on the wall clock of `timeZone` as digits, "2026-11-24 15:05". */
export function localDateTime(at: Date, timeZone: string): string {
  const wall = wallClockAt(at, timeZone);
  return `${localDay(at, timeZone)} ${pad(wall.hour)}:${pad(wall.minute)}`;
}

/** `at` as ISO-8601 to the second with the zone's offset, "2026-11-25T17:43:19+08:00". */
export function localIsoDateTime(at: Date, timeZone: string): string {
  const wall = wallClockAt(at, timeZone);
  const minuteUtc = Math.floor(at.getTime() / 60_000) * 60_000;
  const off = Math.round((wallKey(wall) - minuteUtc) / 60_000);
  const sign = off < 0 ? '-' : '+';
  const date = `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
  const time = `${pad(wall.hour)}:${pad(wall.minute)}:${pad(at.getUTCSeconds())}`;
  return `${date}T${time}${sign}${pad(off / 60)}:${pad(off % 60)}`;
}

const WEEKDAY_NAMES: Record<Language, readonly string[]> = {
  zh: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

/** The weekday of `at` in `timeZone`, spelled out in `lang` ("星期三", "Wednesday"). */
export function localWeekdayName(at: Date, timeZone: string, lang: Language): string {
  return WEEKDAY_NAMES[lang][weekday(wallClockAt(at, timeZone))] ?? '';
}

/** Offset of `timeZone` from UTC in minutes at about the given wall clock. */
function offsetMinutes(wall: WallClock, timeZone: string): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const seen = wallClockAt(new Date(asUtc), timeZone);
  const seenUtc = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute);
  return (seenUtc - asUtc) / 60_000;
}

/** ISO date ("2026-11-24") or date-time with the zone's offset ("2026-11-24T15:00:00+08:00"). */
export function formatWallClock(wall: WallClock, timeZone: string, withTime: boolean): string {
  const date = `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
  if (!withTime) return date;
  const off = offsetMinutes(wall, timeZone);
  const sign = off < 0 ? '-' : '+';
  return `${date}T${pad(wall.hour)}:${pad(wall.minute)}:00${sign}${pad(off / 60)}:${pad(off % 60)}`;
}

/** Moves a wall-clock date by whole days (calendar arithmetic, no zone involved). */
export function addDays(wall: WallClock, days: number): WallClock {
  const d = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days, wall.hour, wall.minute));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

/** Day of week, 0 = Sunday. */
export function weekday(wall: WallClock): number {
  return new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay();
}

/** Comparable number for ordering wall clocks. */
export function wallKey(wall: WallClock): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
}
