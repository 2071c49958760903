export const DEFAULT_TICKET_TIME_ZONE = 'Asia/Shanghai';

/** Wall-clock fields of an instant in a zone, zero-padded as they are shown. */
export interface LocalParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** Building an Intl formatter costs far more than using one: one per zone, kept. */
function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  return format;
}

export function localParts(at: Date, timeZone: string): LocalParts {
  const parts = formatFor(timeZone).formatToParts(at);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
  };
}

/** The calendar day of `at` in `timeZone` as yyyymmdd: ticket counters restart each local day. */
export function ticketDay(at: Date, timeZone: string): string {
  const { year, month, day } = localParts(at, timeZone);
  return `${year}${month}${day}`;
}

/** `Q20261125-0042`: short enough to read over the phone, unique per deployment. */
export function formatTicketId(day: string, sequence: number): string {
  return `Q${day}-${String(sequence).padStart(4, '0')}`;
}
