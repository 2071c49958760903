import { z } from 'zod';
import { Category, Emotion, Nature } from '../domain/taxonomy.js';
import { Severity } from '../domain/ticket.js';

/** Which tickets and facts a report covers: whole days in the business time zone, both ends included. */
export const AnalyticsFilter = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    channel: z.string().trim().min(1).max(32).optional(),
    category: Category.optional(),
  })
  .refine((filter) => filter.from <= filter.to, {
    message: 'from must not be after to',
    path: ['from'],
  });
export type AnalyticsFilter = z.infer<typeof AnalyticsFilter>;

/**
 * Volume is counted per day up to a quarter and per week (starting Monday) beyond: a year of days
 * × channel × category × nature × severity is ~80,000 rows, more than a chart can show or a
 * dashboard can fetch in 300 ms.
 */
export const VolumeBucket = z.enum(['day', 'week']);
export type VolumeBucket = z.infer<typeof VolumeBucket>;
const DAILY_VOLUME_MAX_DAYS = 92;

export function volumeBucketOf(filter: Pick<AnalyticsFilter, 'from' | 'to'>): VolumeBucket {
  const days = (Date.parse(filter.to) - Date.parse(filter.from)) / 86_400_000 + 1;
  return days > DAILY_VOLUME_MAX_DAYS ? 'week' : 'day';
}

const Count = z.number().int().min(0);
/** A share in [0, 1]; null when there is nothing to divide by. */
const Rate = z.number().min(0).max(1).nullable();
/** Seconds; null when no case in range has the timing. */
const Seconds = z.number().min(0).nullable();

export const VolumeRow = z.object({
  day: z.iso.date(),
  channel: z.string(),
  category: Category,
  nature: Nature,
  severity: Severity,
  count: Count,
});

/** Emotion at the first vs the last customer turn of the bot's part (the ticket's emotion trail). */
export const EmotionShift = z.object({ calmed: Count, steady: Count, worsened: Count });

/** FAQ answers and self-service against all contacts (they never reached a human). */
export const Deflection = z.object({
  faqAnswered: Count,
  selfService: Count,
  ticketsFiled: Count,
  handedOff: Count,
  rate: Rate,
});

export const HandoffRuleRow = z.object({ rule: z.string(), count: Count, rate: Rate });

/** Handoff queue timings; SLA targets per severity (first response) and for resolution. */
export const QueueFigures = z.object({
  handoffs: Count,
  claimed: Count,
  waitMedian: Seconds,
  waitP90: Seconds,
  firstResponseWithinSla: Rate,
  closed: Count,
  resolutionWithinSla: Rate,
});

export const TimeToClose = z.object({ closed: Count, median: Seconds, p90: Seconds });

export const Csat = z.object({
  count: Count,
  average: z.number().min(1).max(5).nullable(),
  /** Ratings 1…5, index 0 for 1. */
  distribution: z.array(Count).length(5),
});

/** Contacts by weekday (1 = Monday) and hour in the business time zone. */
export const HeatCell = z.object({
  weekday: z.number().int().min(1).max(7),
  hour: z.number().int().min(0).max(23),
  count: Count,
});
export const NamedCount = z.object({ name: z.string(), count: Count });
export const CategoryCount = z.object({ category: Category, count: Count });
export const EmotionCount = z.object({ emotion: Emotion, count: Count });

/** Unanswered questions grouped by shared words; `example` is the most asked wording. */
export const FaqGap = z.object({
  example: z.string(),
  count: Count,
  variants: z.array(z.string()),
});
export type FaqGap = z.infer<typeof FaqGap>;

export const AnalyticsReport = z.object({
  filter: z.object({
    from: z.iso.date(),
    to: z.iso.date(),
    channel: z.string().optional(),
    category: Category.optional(),
    timeZone: z.string(),
  }),
  totals: z.object({ tickets: Count }),
  /** `day` of a volume row is the first day of its bucket (a week's may fall before `from`). */
  volumeBucket: VolumeBucket,
  volume: z.array(VolumeRow),
  emotionShift: EmotionShift,
  deflection: Deflection,
  handoffRules: z.array(HandoffRuleRow),
  queue: QueueFigures,
  timeToClose: TimeToClose,
  csat: Csat,
  dimensions: z.object({
    heatmap: z.array(HeatCell),
    places: z.array(NamedCount),
    people: z.array(NamedCount),
    events: z.array(CategoryCount),
    emotions: z.array(EmotionCount),
  }),
  faqGaps: z.array(FaqGap),
});
export type AnalyticsReport = z.infer<typeof AnalyticsReport>;

/** The report's tables, each exportable as CSV. */
export const ANALYTICS_TABLES = [
  'volume',
  'emotionShift',
  'deflection',
  'handoffRules',
  'queue',
  'timeToClose',
  'csat',
  'heatmap',
  'places',
  'people',
  'events',
  'emotions',
  'faqGaps',
] as const;
export const AnalyticsTable = z.enum(ANALYTICS_TABLES);
export type AnalyticsTable = z.infer<typeof AnalyticsTable>;
