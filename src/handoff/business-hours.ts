const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const SEARCH_LIMIT_MINUTES = 8 * 24 * 60;

/**
 * Configured agent hours such as `mon-fri 09:00-18:00` in a time zone (BUSINESS_HOURS,
 * BUSINESS_TIME_ZONE): whether agents answer now, and when they next will.
 */
export class BusinessHours {
  private readonly days: ReadonlySet<number>;
  private readonly openMinute: number;
  private readonly closeMinute: number;
  private readonly format: Intl.DateTimeFormat;

  constructor(spec: string, timeZone: string) {
    const match = /^(\w{3})-(\w{3}) (\d\d):(\d\d)-(\d\d):(\d\d)$/.exec(spec);
    if (match === null) throw new Error(`bad business hours "${spec}"`);
    const [, from, to, oh, om, ch, cm] = match;
    const first = DAYS.indexOf(from as (typeof DAYS)[number]);
    const last = DAYS.indexOf(to as (typeof DAYS)[number]);
    const days = new Set<number>();
    for (let d = first; days.size < 7; d = (d + 1) % 7) {
      days.add(d);
      if (d === last) break;
    }
    this.days = days;
    this.openMinute = Number(oh) * 60 + Number(om);
    this.closeMinute = Number(ch) * 60 + Number(cm);
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  }

  isOpen(at: Date): boolean {
    const parts = this.format.formatToParts(at);
    const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
    const day = DAYS.indexOf(part('weekday').toLowerCase() as (typeof DAYS)[number]);
    const minute = Number(part('hour')) * 60 + Number(part('minute'));
    return this.days.has(day) && minute >= this.openMinute && minute < this.closeMinute;
  }

  /** `at` itself when open, else the first minute agents answer again. */
  nextOpening(at: Date): Date {
    const start = new Date(Math.floor(at.getTime() / 60_000) * 60_000);
    for (let minute = 0; minute <= SEARCH_LIMIT_MINUTES; minute++) {
      const candidate = minute === 0 ? at : new Date(start.getTime() + minute * 60_000);
      if (this.isOpen(candidate)) return candidate;
    }
    throw new Error('business hours never open');
  }
}
