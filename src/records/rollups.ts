import { sql } from 'kysely';
import { z } from 'zod';
import { SEVERITIES, type Severity } from '../domain/ticket.js';
import type { Env } from '../config/env.js';
import type { RecordsDb } from './database.js';

/**
 * What the dashboard's rollups (migration 0004) are counted with: the business time zone of their
 * days and hours, and the targets of their SLA hits. The rollups hold for one set only, so a change
 * rebuilds them (`ensureRollups`).
 */
export const RollupSettings = z.object({
  timeZone: z.string().min(1),
  /** First-response target per severity, in seconds (HANDOFF_SLA_MINUTES). */
  firstResponseSla: z.record(z.enum(SEVERITIES), z.number().positive()),
  /** Resolution target from enqueue to close, in seconds. */
  resolutionSla: z.number().positive(),
});
export type RollupSettings = z.infer<typeof RollupSettings>;

/** Cases should be closed within a day of reaching the queue (the manuals' 24-hour reply rule). */
const RESOLUTION_SLA_SECONDS = 24 * 3600;

export type RollupEnv = Pick<Env, 'BUSINESS_TIME_ZONE' | 'HANDOFF_SLA_MINUTES'>;

/** The settings the environment asks for. */
export function rollupSettings(env: RollupEnv): RollupSettings {
  return {
    timeZone: env.BUSINESS_TIME_ZONE,
    firstResponseSla: Object.fromEntries(
      SEVERITIES.map((severity) => [severity, env.HANDOFF_SLA_MINUTES[severity] * 60]),
    ) as Record<Severity, number>,
    resolutionSla: RESOLUTION_SLA_SECONDS,
  };
}

const StoredSettings = z
  .object({
    time_zone: z.string(),
    first_response_p1: z.number(),
    first_response_p2: z.number(),
    first_response_p3: z.number(),
    first_response_p4: z.number(),
    resolution: z.number(),
  })
  .transform((row): RollupSettings => ({
    timeZone: row.time_zone,
    firstResponseSla: {
      P1: row.first_response_p1,
      P2: row.first_response_p2,
      P3: row.first_response_p3,
      P4: row.first_response_p4,
    },
    resolutionSla: row.resolution,
  }));

/** The settings the rollups were counted with; undefined before the first build. */
export async function storedRollupSettings(
  db: RecordsDb,
  lock = false,
): Promise<RollupSettings | undefined> {
  const { rows } = await sql<unknown>`SELECT time_zone, first_response_p1, first_response_p2,
      first_response_p3, first_response_p4, resolution FROM analytics_rollup_settings
      ${lock ? sql`FOR UPDATE` : sql``}`.execute(db);
  return rows[0] === undefined ? undefined : StoredSettings.parse(rows[0]);
}

export function sameSettings(a: RollupSettings, b: RollupSettings | undefined): boolean {
  return (
    b !== undefined &&
    a.timeZone === b.timeZone &&
    a.resolutionSla === b.resolutionSla &&
    SEVERITIES.every((s) => a.firstResponseSla[s] === b.firstResponseSla[s])
  );
}

/**
 * Makes the rollups hold for `settings`: when they were counted with others (or never), stores
 * these and rebuilds every day in one transaction (a million tickets take tens of seconds, during
 * which writers wait). Returns whether it rebuilt.
 */
export async function ensureRollups(db: RecordsDb, settings: RollupSettings): Promise<boolean> {
  const wanted = RollupSettings.parse(settings);
  return db.transaction().execute(async (tx) => {
    await sql`LOCK TABLE analytics_rollup_settings IN EXCLUSIVE MODE`.execute(tx);
    if (sameSettings(wanted, await storedRollupSettings(tx, true))) return false;
    const sla = wanted.firstResponseSla;
    await sql`INSERT INTO analytics_rollup_settings (time_zone, first_response_p1, first_response_p2,
        first_response_p3, first_response_p4, resolution, built_at)
      VALUES (${wanted.timeZone}, ${sla.P1}, ${sla.P2}, ${sla.P3}, ${sla.P4}, ${wanted.resolutionSla}, now())
      ON CONFLICT (only_row) DO UPDATE SET time_zone = excluded.time_zone,
        first_response_p1 = excluded.first_response_p1, first_response_p2 = excluded.first_response_p2,
        first_response_p3 = excluded.first_response_p3, first_response_p4 = excluded.first_response_p4,
        resolution = excluded.resolution, built_at = excluded.built_at`.execute(tx);
    await sql`SELECT analytics_rollup_rebuild(NULL, NULL)`.execute(tx);
    return true;
  });
}

/** Where a background rebuild says what it did. */
export interface RollupLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

/**
 * `ensureRollups` as a background job: start-up does not wait for it, since a changed time zone or
 * SLA rebuilds every day (203 s at a million tickets) and the app should answer customers at once.
 * Until the rebuild commits, the stored settings are the old ones, so `RollupAnalyticsReader`
 * answers the dashboard from raw rows (exact figures, slower) rather than from rollups counted
 * with other settings; writes that touch the rollups wait for the rebuild's transaction, as they
 * did when start-up ran it. The returned promise settles (never rejects) once the job is over.
 */
export function ensureRollupsInBackground(
  db: RecordsDb,
  settings: RollupSettings,
  log: RollupLog,
): Promise<void> {
  const started = Date.now();
  return ensureRollups(db, settings).then(
    (rebuilt) => {
      if (rebuilt)
        log.info(
          { timeZone: settings.timeZone, ms: Date.now() - started },
          'analytics rollups rebuilt',
        );
    },
    (error: unknown) => log.error({ err: error }, 'analytics rollups rebuild failed'),
  );
}

export const RebuildRange = z
  .object({ from: z.iso.date(), to: z.iso.date() })
  .refine((range) => range.from <= range.to, {
    message: 'from must not be after to',
    path: ['from'],
  });
export type RebuildRange = z.infer<typeof RebuildRange>;

/** Recounts the rollups of the days `from`…`to` (business time zone, both included) from the raw rows. */
export async function rebuildRollups(db: RecordsDb, range: RebuildRange): Promise<void> {
  const { from, to } = RebuildRange.parse(range);
  await db
    .transaction()
    .execute((tx) => sql`SELECT analytics_rollup_rebuild(${from}::date, ${to}::date)`.execute(tx));
}
