import type { z } from 'zod';
import {
  AnalyticsReport,
  type AnalyticsFilter,
  type CategoryCount,
  type Csat,
  type EmotionCount,
  type EmotionShift,
  type HeatCell,
  type NamedCount,
  type QueueFigures,
  type TimeToClose,
  type VolumeRow,
  volumeBucketOf,
} from './analytics-report.js';
import { groupFaqGaps, type AskedQuestion } from './faq-gaps.js';

/** What either reader (raw rows or rollups) measures; the report derives its rates from these. */
export interface ReportFigures {
  tickets: number;
  handoffs: number;
  volume: z.infer<typeof VolumeRow>[];
  shift: z.infer<typeof EmotionShift> | undefined;
  faqAnswered: number;
  selfService: number;
  rules: Array<{ rule: string; count: number }>;
  queue: Omit<z.infer<typeof QueueFigures>, 'handoffs'> | undefined;
  closing: z.infer<typeof TimeToClose> | undefined;
  csat: z.infer<typeof Csat> | undefined;
  heatmap: z.infer<typeof HeatCell>[];
  places: z.infer<typeof NamedCount>[];
  people: z.infer<typeof NamedCount>[];
  events: z.infer<typeof CategoryCount>[];
  emotions: z.infer<typeof EmotionCount>[];
  misses: AskedQuestion[];
}

export function assembleReport(
  filter: AnalyticsFilter,
  timeZone: string,
  figures: ReportFigures,
): AnalyticsReport {
  const { tickets, handoffs, faqAnswered, selfService } = figures;
  const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
  return AnalyticsReport.parse({
    filter: {
      from: filter.from,
      to: filter.to,
      ...(filter.channel === undefined ? {} : { channel: filter.channel }),
      ...(filter.category === undefined ? {} : { category: filter.category }),
      timeZone,
    },
    totals: { tickets },
    volumeBucket: volumeBucketOf(filter),
    volume: figures.volume,
    emotionShift: figures.shift,
    deflection: {
      faqAnswered,
      selfService,
      ticketsFiled: tickets,
      handedOff: handoffs,
      rate: ratio(faqAnswered + selfService, faqAnswered + selfService + tickets),
    },
    handoffRules: figures.rules.map((rule) => ({ ...rule, rate: ratio(rule.count, tickets) })),
    queue: { handoffs, ...figures.queue },
    timeToClose: figures.closing,
    csat: figures.csat,
    dimensions: {
      heatmap: figures.heatmap,
      places: figures.places,
      people: figures.people,
      events: figures.events,
      emotions: figures.emotions,
    },
    faqGaps: groupFaqGaps(figures.misses),
  });
}
