import type { RequestHandler, Router } from 'express';
import type { RecordsDb } from '../records/database.js';
import { rollupSettings, type RollupEnv } from '../records/rollups.js';
import { createAnalyticsRouter } from './analytics.router.js';
import { RollupAnalyticsReader } from './rollup.analytics-reader.js';

export type AnalyticsEnv = RollupEnv;

/** The analytics API over the system of record (admin role, `auth` from the agent login). */
export function createAnalytics(env: AnalyticsEnv, db: RecordsDb, auth: RequestHandler): Router {
  const reader = new RollupAnalyticsReader(db, rollupSettings(env));
  return createAnalyticsRouter({ reader, auth, timeZone: env.BUSINESS_TIME_ZONE });
}
