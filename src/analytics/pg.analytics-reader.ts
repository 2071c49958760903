import { sql, type RawBuilder } from 'kysely';
import { z } from 'zod';
import type { RecordsDb } from '../records/database.js';
import type { RollupSettings } from '../records/rollups.js';
import type { AnalyticsReader } from './analytics-reader.port.js';
import {
  Csat,
  EmotionShift,
  HeatCell,
  NamedCount,
  VolumeRow,
  CategoryCount,
  EmotionCount,
  type AnalyticsFilter,
  type AnalyticsReport,
  volumeBucketOf,
} from './analytics-report.js';
import { assembleReport } from './assemble-report.js';
import type { AskedQuestion } from './faq-gaps.js';
import { num, numOrNull, rows } from './sql-rows.js';

/** Days, hours and weekdays in BUSINESS_TIME_ZONE; SLA targets in seconds. */
export type PgAnalyticsOptions = RollupSettings;

/** A change of distress smaller than this is "steady". */
const SHIFT = 0.15;

/** The dashboard's queries over `tickets`, `handoffs` and `analytics_events` (src/analytics/README.md). */
export class PgAnalyticsReader implements AnalyticsReader {
  constructor(
    private readonly db: RecordsDb,
    private readonly options: PgAnalyticsOptions,
  ) {}

  /** `column` within the filter's days in the business time zone. */
  private inDays(column: RawBuilder<unknown>, filter: AnalyticsFilter): RawBuilder<unknown> {
    const tz = this.options.timeZone;
    return sql`${column} >= (${filter.from}::date::timestamp AT TIME ZONE ${tz}) AND ${column} < ((${filter.to}::date + 1)::timestamp AT TIME ZONE ${tz})`;
  }

  /**
   * FAQ answers and self-service (alias `e`) in range that no human followed: a conversation later
   * handed off is not deflected. The channel filter applies to facts that know theirs.
   */
  private deflected(filter: AnalyticsFilter): RawBuilder<unknown> {
    const parts = [
      this.inDays(sql.ref('e.at'), filter),
      sql`NOT EXISTS (SELECT 1 FROM handoffs h WHERE h.conversation_id = e.conversation_id)`,
    ];
    if (filter.channel !== undefined) parts.push(sql`e.channel = ${filter.channel}`);
    return sql.join(parts, sql` AND `);
  }

  /** The tickets (alias `t`) a filter selects, or (alias `h`) the handoffs of those tickets. */
  private selects(filter: AnalyticsFilter, of: 't' | 'h'): RawBuilder<unknown> {
    // Handoffs carry a copy of their ticket's facts (migration 0003), so they need no join.
    const column = (name: string) => sql.ref(of === 't' ? `t.${name}` : `h.ticket_${name}`);
    const parts = [this.inDays(column('created_at'), filter)];
    if (filter.channel !== undefined) parts.push(sql`${column('channel')} = ${filter.channel}`);
    if (filter.category !== undefined) parts.push(sql`${column('category')} = ${filter.category}`);
    return sql.join(parts, sql` AND `);
  }

  /** The first-response target of a handoff (alias `h`) by its ticket's severity, in seconds. */
  private firstResponseTarget(): RawBuilder<unknown> {
    const sla = this.options.firstResponseSla;
    return sql`CASE h.ticket_severity WHEN 'P1' THEN ${sla.P1}::float8 WHEN 'P2' THEN ${sla.P2}::float8 WHEN 'P3' THEN ${sla.P3}::float8 ELSE ${sla.P4}::float8 END`;
  }

  /** Unanswered FAQ questions in range by wording (the 500 most asked), for `groupFaqGaps`. */
  faqMisses(filter: AnalyticsFilter): Promise<AskedQuestion[]> {
    return rows(
      this.db,
      'faq-misses',
      sql`SELECT e.label AS text, count(*)::int AS count FROM analytics_events e
          WHERE e.kind = 'faq_missed' AND e.label IS NOT NULL AND ${this.inDays(sql.ref('e.at'), filter)}
          GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 500`,
      z.object({ text: z.string(), count: num }),
    );
  }

  /** Handoffs still unclaimed past their first-response target now: breaches only the clock knows. */
  async unclaimedPastTarget(filter: AnalyticsFilter): Promise<number> {
    const [row] = await rows(
      this.db,
      'unclaimed',
      sql`SELECT count(*)::int AS count FROM handoffs h
          WHERE ${this.selects(filter, 'h')} AND h.assigned_at IS NULL
            AND extract(epoch FROM now() - h.enqueued_at) > ${this.firstResponseTarget()}`,
      z.object({ count: num }),
    );
    return row?.count ?? 0;
  }

  async report(filter: AnalyticsFilter): Promise<AnalyticsReport> {
    const { db } = this;
    const tz = this.options.timeZone;
    const where = this.selects(filter, 't');
    const handed = this.selects(filter, 'h');
    const firstResponseTarget = this.firstResponseTarget();
    const seconds = (from: string, to: string): RawBuilder<unknown> =>
      sql`extract(epoch FROM ${sql.ref(to)} - ${sql.ref(from)})::float8`;
    const topSlot = (slot: 'place' | 'people'): Promise<z.infer<typeof NamedCount>[]> =>
      rows(
        db,
        `top-${slot}`,
        sql`SELECT ${sql.ref(`t.${slot}`)} AS name, count(*)::int AS count FROM tickets t
            WHERE ${where} AND ${sql.ref(`t.${slot}`)} IS NOT NULL
            GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10`,
        NamedCount,
      );

    const [
      volume,
      [shift],
      [facts],
      [handoffTotals],
      rules,
      [queue],
      [closing],
      [csat],
      heatmap,
      places,
      people,
      events,
      emotions,
      misses,
    ] = await Promise.all([
      rows(
        db,
        'volume',
        sql`SELECT to_char(v.day, 'YYYY-MM-DD') AS day, v.channel, v.category, v.nature, v.severity, v.count
            FROM (SELECT ${volumeBucketOf(filter) === 'day' ? sql`(t.created_at AT TIME ZONE ${tz})::date` : sql`date_trunc('week', (t.created_at AT TIME ZONE ${tz})::date)`} AS day, t.channel, t.category, t.nature,
              t.severity, count(*)::int AS count FROM tickets t WHERE ${where} GROUP BY 1, 2, 3, 4, 5) v
            ORDER BY 1, 2, 3, 4, 5`,
        VolumeRow,
      ),
      rows(
        db,
        'emotion-shift',
        sql`SELECT count(*) FILTER (WHERE t.distress_shift < -${SHIFT}::float8)::int AS calmed,
              count(*) FILTER (WHERE t.distress_shift BETWEEN -${SHIFT}::float8 AND ${SHIFT}::float8)::int AS steady,
              count(*) FILTER (WHERE t.distress_shift > ${SHIFT}::float8)::int AS worsened
            FROM tickets t WHERE ${where} AND t.distress_shift IS NOT NULL`,
        EmotionShift,
      ),
      rows(
        db,
        'deflection',
        sql`SELECT count(*) FILTER (WHERE e.kind = 'faq_answered')::int AS "faqAnswered",
              count(*) FILTER (WHERE e.kind = 'self_service')::int AS "selfService"
            FROM analytics_events e
            WHERE e.kind IN ('faq_answered', 'self_service') AND ${this.deflected(filter)}`,
        z.object({ faqAnswered: num, selfService: num }),
      ),
      rows(
        db,
        'totals',
        sql`SELECT (SELECT count(*)::int FROM tickets t WHERE ${where}) AS tickets,
              (SELECT count(*)::int FROM handoffs h WHERE ${handed}) AS handoffs`,
        z.object({ tickets: num, handoffs: num }),
      ),
      rows(
        db,
        'handoff-rules',
        sql`SELECT coalesce(h.rule, 'unknown') AS rule, count(*)::int AS count
            FROM handoffs h WHERE ${handed}
            GROUP BY 1 ORDER BY 2 DESC, 1`,
        z.object({ rule: z.string(), count: num }),
      ),
      rows(
        db,
        'queue',
        sql`SELECT count(h.assigned_at)::int AS claimed,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ${seconds('h.enqueued_at', 'h.assigned_at')}) AS "waitMedian",
              percentile_cont(0.9) WITHIN GROUP (ORDER BY ${seconds('h.enqueued_at', 'h.assigned_at')}) AS "waitP90",
              avg(CASE
                WHEN h.assigned_at IS NOT NULL THEN (${seconds('h.enqueued_at', 'h.assigned_at')} <= ${firstResponseTarget})::int
                WHEN extract(epoch FROM now() - h.enqueued_at) > ${firstResponseTarget} THEN 0
              END)::float8 AS "firstResponseWithinSla",
              count(h.closed_at)::int AS closed,
              avg(CASE WHEN h.closed_at IS NOT NULL
                THEN (${seconds('h.enqueued_at', 'h.closed_at')} <= ${this.options.resolutionSla}::float8)::int END)::float8
                AS "resolutionWithinSla"
            FROM handoffs h WHERE ${handed}`,
        z.object({
          claimed: num,
          waitMedian: numOrNull,
          waitP90: numOrNull,
          firstResponseWithinSla: numOrNull,
          closed: num,
          resolutionWithinSla: numOrNull,
        }),
      ),
      rows(
        db,
        'time-to-close',
        sql`WITH done AS (
              SELECT ${seconds('t.created_at', 't.done_at')} AS seconds
              FROM tickets t WHERE ${where} AND t.status IN ('resolved', 'closed')
            )
            SELECT count(seconds)::int AS closed,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) AS p90
            FROM done`,
        z.object({ closed: num, median: numOrNull, p90: numOrNull }),
      ),
      rows(
        db,
        'csat',
        sql`SELECT count(h.rating)::int AS count, avg(h.rating)::float8 AS average,
              ARRAY[${sql.join([1, 2, 3, 4, 5].map((r) => sql`count(*) FILTER (WHERE h.rating = ${r})::int`))}] AS distribution
            FROM handoffs h WHERE ${handed}`,
        Csat.extend({ average: numOrNull, distribution: z.array(num).length(5) }),
      ),
      rows(
        db,
        'heatmap',
        sql`SELECT extract(isodow FROM t.created_at AT TIME ZONE ${tz})::int AS weekday,
              extract(hour FROM t.created_at AT TIME ZONE ${tz})::int AS hour, count(*)::int AS count
            FROM tickets t WHERE ${where} GROUP BY 1, 2 ORDER BY 1, 2`,
        HeatCell,
      ),
      topSlot('place'),
      topSlot('people'),
      rows(
        db,
        'events',
        sql`SELECT t.category, count(*)::int AS count FROM tickets t WHERE ${where}
            GROUP BY 1 ORDER BY 2 DESC, 1`,
        CategoryCount,
      ),
      rows(
        db,
        'emotions',
        sql`SELECT t.first_emotion AS emotion, count(*)::int AS count FROM tickets t
            WHERE ${where} AND t.first_emotion IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1`,
        EmotionCount,
      ),
      this.faqMisses(filter),
    ]);

    return assembleReport(filter, tz, {
      tickets: handoffTotals?.tickets ?? 0,
      handoffs: handoffTotals?.handoffs ?? 0,
      volume,
      shift,
      faqAnswered: facts?.faqAnswered ?? 0,
      selfService: facts?.selfService ?? 0,
      rules,
      queue,
      closing,
      csat,
      heatmap,
      places,
      people,
      events,
      emotions,
      misses,
    });
  }
}
