import type { Language } from '../../domain/taxonomy.js';

const FALLBACK_ZONE = 'Asia/Shanghai';

export interface LocalTime {
  /** ISO-8601 with the zone's offset, e.g. 2026-11-25T17:43:19+08:00. */
  iso: string;
  /** Weekday in the prompt's language, e.g. 星期三 / Wednesday. */
  weekday: string;
  timeZone: string;
}

interface ZoneFormatters {
  wall: Intl.DateTimeFormat;
  weekday: Record<Language, Intl.DateTimeFormat>;
}

/** Building an Intl formatter costs far more than using one; zones are few, so each is built once. */
const formatters = new Map<string, ZoneFormatters | undefined>();

/** How `now` reads on a wall clock in `timeZone`, so the model resolves "昨天" against the customer's day. */
export function localTime(now: Date, timeZone: string | undefined, lang: Language): LocalTime {
  let zone = timeZone ?? FALLBACK_ZONE;
  let f = zoneFormatters(zone);
  if (!f) {
    zone = FALLBACK_ZONE;
    f = zoneFormatters(zone);
  }
  if (!f) throw new RangeError(`Time zone ${FALLBACK_ZONE} is unknown to this runtime`);
  const parts = Object.fromEntries(f.wall.formatToParts(now).map((p) => [p.type, p.value]));
  const wall = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
  const offsetMinutes = Math.round((Date.parse(`${wall}Z`) - now.getTime()) / 60_000);
  return {
    iso: `${wall}${formatOffset(offsetMinutes)}`,
    weekday: f.weekday[lang].format(now),
    timeZone: zone,
  };
}

function zoneFormatters(timeZone: string): ZoneFormatters | undefined {
  if (!formatters.has(timeZone)) formatters.set(timeZone, buildFormatters(timeZone));
  return formatters.get(timeZone);
}

function buildFormatters(timeZone: string): ZoneFormatters | undefined {
  try {
    return {
      wall: new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      }),
      weekday: {
        zh: new Intl.DateTimeFormat('zh-CN', { timeZone, weekday: 'long' }),
        en: new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'long' }),
      },
    };
  } catch {
    return undefined;
  }
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${sign}${hh}:${mm}`;
}
