import type { RequestHandler, Router } from 'express';
import type { Env } from '../config/env.js';
import { SEVERITIES, type Severity } from '../domain/ticket.js';
import type { RecordsDb } from '../records/database.js';
import { createAnalyticsRouter } from './analytics.router.js';
import { PgAnalyticsReader } from './pg.analytics-reader.js';

export type AnalyticsEnv = Pick<Env, 'BUSINESS_TIME_ZONE' | 'HANDOFF_SLA_MINUTES'>;

/** Cases should be closed within a day of reaching the queue (the manuals' 24-hour reply rule). */
const RESOLUTION_SLA_SECONDS = 24 * 3600;

/** The first-response targets of HANDOFF_SLA_MINUTES (P1…P4), in seconds. */
export function firstResponseSla(env: AnalyticsEnv): Record<Severity, number> {
  return Object.fromEntries(
    SEVERITIES.map((severity) => [severity, env.HANDOFF_SLA_MINUTES[severity] * 60]),
  ) as Record<Severity, number>;
}

/** The analytics API over the system of record (admin role, `auth` from the agent login). */
export function createAnalytics(env: AnalyticsEnv, db: RecordsDb, auth: RequestHandler): Router {
  const timeZone = env.BUSINESS_TIME_ZONE;
  const reader = new PgAnalyticsReader(db, {
    timeZone,
    firstResponseSla: firstResponseSla(env),
    resolutionSla: RESOLUTION_SLA_SECONDS,
  });
  return createAnalyticsRouter({ reader, auth, timeZone });
}
