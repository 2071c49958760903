/** The calendar day of `at` in `timeZone` as yyyymmdd: ticket counters restart each local day. */
export function ticketDay(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}${part('month')}${part('day')}`;
}

/** `Q20261125-0042`: short enough to read over the phone, unique per deployment. */
export function formatTicketId(day: string, sequence: number): string {
  return `Q${day}-${String(sequence).padStart(4, '0')}`;
}

export const DEFAULT_TICKET_TIME_ZONE = 'Asia/Shanghai';
