import type { Language } from '../../domain/taxonomy.js';
import { isValidTimeZone, localIsoDateTime, localWeekdayName } from '../../domain/wall-clock.js';

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
  const wanted = timeZone ?? FALLBACK_ZONE;
  const zone = isValidTimeZone(wanted) ? wanted : FALLBACK_ZONE;
  return {
    iso: localIsoDateTime(now, zone),
    weekday: localWeekdayName(now, zone, lang),
    timeZone: zone,
  };
}
