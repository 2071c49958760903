import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { localDay } from '../domain/wall-clock.js';
import { invalid, requireAdmin } from '../records/records.router.js';
import type { AnalyticsReader } from './analytics-reader.port.js';
import { AnalyticsFilter, AnalyticsTable } from './analytics-report.js';
import { reportCsv } from './report-csv.js';

export interface AnalyticsRouterDeps {
  reader: AnalyticsReader;
  /** Agent authentication (bearer token); answers 401 itself. */
  auth: RequestHandler;
  timeZone: string;
  /** The clock that picks the default range (the last 30 days). */
  now?: () => Date;
}

const DEFAULT_DAYS = 30;
const CsvTable = z.object({ table: AnalyticsTable });

/** `GET /api/admin/analytics` (JSON report) and `GET /api/admin/analytics.csv?table=…`, admins only. */
export function createAnalyticsRouter(deps: AnalyticsRouterDeps): Router {
  const router = Router();
  const now = deps.now ?? (() => new Date());
  const Query = z
    .object({
      from: z.string().optional(),
      to: z.string().optional(),
      channel: z.string().optional(),
      category: z.string().optional(),
    })
    .strict()
    .transform((query) => {
      const today = now();
      return {
        ...query,
        to: query.to ?? localDay(today, deps.timeZone),
        from:
          query.from ??
          localDay(new Date(today.getTime() - (DEFAULT_DAYS - 1) * 86_400_000), deps.timeZone),
      };
    })
    .pipe(AnalyticsFilter);

  router.get('/api/admin/analytics', deps.auth, requireAdmin, async (req, res) => {
    const filter = Query.safeParse(req.query);
    if (!filter.success) return invalid(res, filter.error);
    res.json(await deps.reader.report(filter.data));
  });

  router.get('/api/admin/analytics.csv', deps.auth, requireAdmin, async (req, res) => {
    const { table, ...rest } = req.query;
    const name = CsvTable.safeParse({ table });
    if (!name.success) return invalid(res, name.error);
    const filter = Query.safeParse(rest);
    if (!filter.success) return invalid(res, filter.error);
    const report = await deps.reader.report(filter.data);
    res
      .type('text/csv; charset=utf-8')
      .set(
        'Content-Disposition',
        `attachment; filename="${name.data.table}-${filter.data.from}-${filter.data.to}.csv"`,
      )
      .send(reportCsv(report, name.data.table));
  });
  return router;
}
