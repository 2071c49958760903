import { sql, type RawBuilder } from 'kysely';
import { z } from 'zod';
import type { RecordsDb } from '../records/database.js';
import {
  CLOSE_COLUMNS,
  HOUR_COLUMNS,
  RATING_COLUMNS,
  WAIT_COLUMNS,
} from '../records/migrations/0004-analytics-rollups.js';
import { sameSettings, storedRollupSettings, type RollupSettings } from '../records/rollups.js';
import type { AnalyticsReader } from './analytics-reader.port.js';
import {
  CategoryCount,
  EmotionCount,
  VolumeRow,
  type AnalyticsFilter,
  type AnalyticsReport,
  volumeBucketOf,
} from './analytics-report.js';
import { assembleReport } from './assemble-report.js';
import { histogramPercentile } from './histogram.js';
import { PgAnalyticsReader } from './pg.analytics-reader.js';
import { num, rows } from './sql-rows.js';

const sums = (columns: readonly string[]): RawBuilder<unknown> =>
  sql.raw(`ARRAY[${columns.map((c) => `coalesce(sum(${c}), 0)::int`).join(', ')}]`);
const counts = z.array(num);

/**
 * The dashboard from the per-day rollups of migration 0004 (src/analytics/README.md "Rollups"):
 * every figure of whole days, today's included, since the triggers keep them in the writes'
 * transactions. Raw rows only where they must: unclaimed cases past their target (the clock decides)
 * and the wording of unanswered questions (a grouping of text, at most 500 wordings). Until the
 * rollups hold for these settings (`ensureRollups`), it answers from raw rows.
 */
export class RollupAnalyticsReader implements AnalyticsReader {
  private readonly raw: PgAnalyticsReader;

  constructor(
    private readonly db: RecordsDb,
    private readonly settings: RollupSettings,
  ) {
    this.raw = new PgAnalyticsReader(db, settings);
  }

  async report(filter: AnalyticsFilter): Promise<AnalyticsReport> {
    const built = sameSettings(this.settings, await storedRollupSettings(this.db));
    return built ? this.fromRollups(filter) : this.raw.report(filter);
  }

  /** Rollup rows of the filter's days, channel and category (`category: false` for deflection). */
  private where(filter: AnalyticsFilter, byCategory = true): RawBuilder<unknown> {
    const parts = [sql`day BETWEEN ${filter.from}::date AND ${filter.to}::date`];
    if (filter.channel !== undefined) parts.push(sql`channel = ${filter.channel}`);
    if (byCategory && filter.category !== undefined) parts.push(sql`category = ${filter.category}`);
    return sql.join(parts, sql` AND `);
  }

  /** The report from the rollups, whatever settings they were counted with. */
  async fromRollups(filter: AnalyticsFilter): Promise<AnalyticsReport> {
    const { db } = this;
    const where = this.where(filter);
    const label = (kind: 'place' | 'people' | 'emotion', limit: RawBuilder<unknown>) =>
      sql`SELECT value, sum(count)::int AS count FROM rollup_ticket_labels
          WHERE kind = ${kind} AND ${where} GROUP BY 1 HAVING sum(count) > 0 ORDER BY 2 DESC, 1 ${limit}`;
    const top = (kind: 'place' | 'people') =>
      rows(
        db,
        `top-${kind}`,
        label(kind, sql`LIMIT 10`),
        z.object({ value: z.string(), count: num }),
      );

    const [
      volume,
      [ticketDays],
      hours,
      events,
      places,
      people,
      emotions,
      [handoffDays],
      rules,
      [deflection],
      unclaimed,
      misses,
    ] = await Promise.all([
      rows(
        db,
        'volume',
        volumeBucketOf(filter) === 'day'
          ? // One row per key (the primary key), read in its order: no grouping, no sort.
            // (Qualified: a bare `day` would sort by the text of the output column.)
            sql`SELECT to_char(v.day, 'YYYY-MM-DD') AS day, v.channel, v.category, v.nature, v.severity, v.count
                FROM rollup_ticket_volume v WHERE ${where} AND v.count > 0
                ORDER BY v.day, v.channel, v.category, v.nature, v.severity`
          : sql`SELECT to_char(date_trunc('week', v.day), 'YYYY-MM-DD') AS day, v.channel, v.category,
                  v.nature, v.severity, sum(v.count)::int AS count
                FROM rollup_ticket_volume v WHERE ${where} AND v.count > 0
                GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
        VolumeRow,
      ),
      rows(
        db,
        'ticket-days',
        sql`SELECT coalesce(sum(tickets), 0)::int AS tickets, coalesce(sum(calmed), 0)::int AS calmed,
              coalesce(sum(steady), 0)::int AS steady, coalesce(sum(worsened), 0)::int AS worsened,
              coalesce(sum(closed), 0)::int AS closed, ${sums(CLOSE_COLUMNS)} AS close
            FROM rollup_ticket_days WHERE ${where}`,
        z.object({
          tickets: num,
          calmed: num,
          steady: num,
          worsened: num,
          closed: num,
          close: counts,
        }),
      ),
      rows(
        db,
        'heatmap',
        sql`SELECT extract(isodow FROM day)::int AS weekday, ${sums(HOUR_COLUMNS)} AS hours
            FROM rollup_ticket_days WHERE ${where} GROUP BY 1 ORDER BY 1`,
        z.object({ weekday: num, hours: counts }),
      ),
      rows(
        db,
        'events',
        sql`SELECT category, sum(tickets)::int AS count FROM rollup_ticket_days WHERE ${where}
            GROUP BY 1 HAVING sum(tickets) > 0 ORDER BY 2 DESC, 1`,
        CategoryCount,
      ),
      top('place'),
      top('people'),
      rows(db, 'emotions', label('emotion', sql``), z.object({ value: z.string(), count: num })),
      rows(
        db,
        'handoff-days',
        sql`SELECT coalesce(sum(handoffs), 0)::int AS handoffs, coalesce(sum(claimed), 0)::int AS claimed,
              coalesce(sum(wait_in_sla), 0)::int AS "waitInSla", coalesce(sum(closed), 0)::int AS closed,
              coalesce(sum(resolved_in_sla), 0)::int AS "resolvedInSla", coalesce(sum(rated), 0)::int AS rated,
              coalesce(sum(rating_sum), 0)::int AS "ratingSum", ${sums(RATING_COLUMNS)} AS ratings,
              ${sums(WAIT_COLUMNS)} AS wait
            FROM rollup_handoff_days WHERE ${where}`,
        z.object({
          handoffs: num,
          claimed: num,
          waitInSla: num,
          closed: num,
          resolvedInSla: num,
          rated: num,
          ratingSum: num,
          ratings: counts,
          wait: counts,
        }),
      ),
      rows(
        db,
        'handoff-rules',
        sql`SELECT rule, sum(count)::int AS count FROM rollup_handoff_rules WHERE ${where}
            GROUP BY 1 HAVING sum(count) > 0 ORDER BY 2 DESC, 1`,
        z.object({ rule: z.string(), count: num }),
      ),
      rows(
        db,
        'deflection',
        sql`SELECT coalesce(sum(faq_answered), 0)::int AS "faqAnswered",
              coalesce(sum(self_service), 0)::int AS "selfService"
            FROM rollup_deflection WHERE ${this.where(filter, false)}`,
        z.object({ faqAnswered: num, selfService: num }),
      ),
      this.raw.unclaimedPastTarget(filter),
      this.raw.faqMisses(filter),
    ]);

    const share = (part: number, whole: number): number | null =>
      whole === 0 ? null : part / whole;
    const named = (list: Array<{ value: string; count: number }>) =>
      list.map(({ value, count }) => ({ name: value, count }));
    const hand = handoffDays ?? {
      handoffs: 0,
      claimed: 0,
      waitInSla: 0,
      closed: 0,
      resolvedInSla: 0,
      rated: 0,
      ratingSum: 0,
      ratings: [0, 0, 0, 0, 0],
      wait: [],
    };
    const days = ticketDays ?? {
      tickets: 0,
      calmed: 0,
      steady: 0,
      worsened: 0,
      closed: 0,
      close: [],
    };
    return assembleReport(filter, this.settings.timeZone, {
      tickets: days.tickets,
      handoffs: hand.handoffs,
      volume,
      shift: { calmed: days.calmed, steady: days.steady, worsened: days.worsened },
      faqAnswered: deflection?.faqAnswered ?? 0,
      selfService: deflection?.selfService ?? 0,
      rules,
      queue: {
        claimed: hand.claimed,
        waitMedian: histogramPercentile(hand.wait, 0.5),
        waitP90: histogramPercentile(hand.wait, 0.9),
        firstResponseWithinSla: share(hand.waitInSla, hand.claimed + unclaimed),
        closed: hand.closed,
        resolutionWithinSla: share(hand.resolvedInSla, hand.closed),
      },
      closing: {
        closed: days.closed,
        median: histogramPercentile(days.close, 0.5),
        p90: histogramPercentile(days.close, 0.9),
      },
      csat: {
        count: hand.rated,
        average: share(hand.ratingSum, hand.rated),
        distribution: hand.ratings,
      },
      heatmap: hours.flatMap(({ weekday, hours: perHour }) =>
        perHour.flatMap((count, hour) => (count > 0 ? [{ weekday, hour, count }] : [])),
      ),
      places: named(places),
      people: named(people),
      events,
      emotions: EmotionCount.array().parse(
        emotions.map(({ value, count }) => ({ emotion: value, count })),
      ),
      misses,
    });
  }
}
