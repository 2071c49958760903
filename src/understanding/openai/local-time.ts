import type { Language } from '../../domain/taxonomy.js';

const FALLBACK_ZONE = 'Asia/Shanghai';

export interface LocalTime {
  /** ISO-8601 with the zone's offset, e.g. 2026-11-25T17:43:19+08:00. */
  iso: string;
  /** Weekday in the prompt's language, e.g. 星期三 / Wednesday. */
  weekday: string;
  timeZone: string;
}

/** How `now` reads on a wall clock in `timeZone`, so the model resolves "昨天" against the customer's day. */
export function localTime(now: Date, timeZone: string | undefined, lang: Language): LocalTime {
  const zone = isValidZone(timeZone) ? timeZone : FALLBACK_ZONE;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  const wall = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
  const offsetMinutes = Math.round((Date.parse(`${wall}Z`) - now.getTime()) / 60_000);
  const weekday = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-US', {
    timeZone: zone,
    weekday: 'long',
  }).format(now);
  return { iso: `${wall}${formatOffset(offsetMinutes)}`, weekday, timeZone: zone };
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${sign}${hh}:${mm}`;
}

function isValidZone(timeZone: string | undefined): timeZone is string {
  if (!timeZone) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
