/**
 * The dashboard at scale (DESIGN §9, goal ≤ 300 ms p95 per query): over the million seeded tickets of
 * scripts/support/records-seed.ts on the real PostgreSQL, builds the per-day rollups (migration 0004)
 * and times that, then captures every query the analytics reader
 * runs for one report (each labelled `analytics:<name>`), then replays each one RUNS times on its own
 * and reports p50/p95, for a 30-day and a 365-day window, with and without channel/category filters.
 * The whole report (its queries in parallel on a pool of four) is timed the same way.
 * `BENCH_EXPLAIN=1` prints EXPLAIN ANALYZE for every query over its goal.
 */
import { loadavg } from 'node:os';
import { CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { RollupAnalyticsReader } from '../../src/analytics/rollup.analytics-reader.js';
import type { AnalyticsFilter } from '../../src/analytics/analytics-report.js';
import { loadEnv } from '../../src/config/env.js';
import { ensureRollups, rebuildRollups, rollupSettings } from '../../src/records/rollups.js';
import type { RecordsSchema } from '../../src/records/schema.js';
import { CHANNELS, withSeededDatabase } from '../support/records-seed.js';
import { percentile, timeSamples } from '../support/timing.js';

/** 20 by default; fewer only for a quick look while developing. */
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const GOAL_MS = 300;
const EXPLAIN = process.env.BENCH_EXPLAIN === '1';

/** YYYY-MM-DD `daysAgo` days before today in `timeZone`. */
function day(timeZone: string, daysAgo: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(Date.now() - daysAgo * 86_400_000);
}

function filters(timeZone: string): Array<[string, AnalyticsFilter]> {
  const to = day(timeZone, 0);
  return [30, 365].flatMap((days): Array<[string, AnalyticsFilter]> => {
    const from = day(timeZone, days - 1);
    return [
      [`${days} d`, { from, to }],
      [`${days} d, channel`, { from, to, channel: CHANNELS[1] }],
      [`${days} d, channel + category`, { from, to, channel: CHANNELS[0], category: 'billing' }],
    ];
  });
}

const load = (): string =>
  `load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`;

const figures = (samples: number[]): { p50: number; p95: number; line: string } => {
  const sorted = [...samples].sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  const p95 = percentile(sorted, 95);
  return { p50, p95, line: `p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms` };
};

export async function run(): Promise<void> {
  const env = loadEnv({});
  const timeZone = env.BUSINESS_TIME_ZONE;
  const settings = rollupSettings(env);
  await withSeededDatabase(async (seeded, url) => {
    // The seed writes before any rollup settings exist; the first build counts it all.
    let started = performance.now();
    const rebuilt = await ensureRollups(seeded, settings);
    console.log(
      rebuilt
        ? `  rollups built over every day in ${((performance.now() - started) / 1000).toFixed(1)} s, ${load()}`
        : '  rollups already built for these settings',
    );
    // What autovacuum gives freshly written tables in production: statistics and a visibility map.
    await sql`VACUUM ANALYZE rollup_ticket_days, rollup_ticket_volume, rollup_ticket_labels,
      rollup_handoff_days, rollup_handoff_rules, rollup_deflection`.execute(seeded);
    started = performance.now();
    await rebuildRollups(seeded, { from: day(timeZone, 29), to: day(timeZone, 0) });
    console.log(
      `  rollups of the last 30 days rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s, ${load()}`,
    );
    // The reader over a logging Kysely of its own, so each compiled query can be replayed alone.
    const captured: CompiledQuery[] = [];
    const db = new Kysely<RecordsSchema>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 4 }) }),
      log: (event) => {
        if (event.level === 'query') captured.push(event.query);
      },
    });
    const reader = new RollupAnalyticsReader(db, settings);
    const over: string[] = [];
    try {
      for (const [label, filter] of filters(timeZone)) {
        captured.length = 0;
        const report = figures(await timeSamples(RUNS, () => reader.report(filter)));
        const queries = captured.slice(0, captured.length / RUNS);
        console.log(
          `  ${label}: whole report ${report.line} (n=${RUNS}, ${queries.length} queries in parallel), ${load()}`,
        );
        for (const query of queries) {
          const name = /analytics:([\w-]+)/.exec(query.sql)?.[1] ?? '?';
          const timed = figures(await timeSamples(RUNS, () => db.executeQuery(query)));
          const flag = timed.p95 > GOAL_MS ? '  OVER GOAL' : '';
          console.log(`    ${name.padEnd(14)} ${timed.line}${flag}`);
          if (timed.p95 <= GOAL_MS) continue;
          over.push(`${label} ${name}`);
          if (!EXPLAIN) continue;
          const plan = await db.executeQuery<{ 'QUERY PLAN': string }>(
            CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, [...query.parameters]),
          );
          for (const row of plan.rows) console.log(`      ${row['QUERY PLAN']}`);
        }
      }
    } finally {
      await db.destroy();
    }
    console.log(
      over.length === 0
        ? `  every dashboard query p95 ≤ ${GOAL_MS} ms (n=${RUNS} each), ${load()}`
        : `  over ${GOAL_MS} ms p95: ${over.join('; ')}`,
    );
  });
}
