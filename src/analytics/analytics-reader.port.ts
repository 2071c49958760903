import type { AnalyticsFilter, AnalyticsReport } from './analytics-report.js';

/** Reads the dashboard's figures from the system of record (DESIGN §9). */
export interface AnalyticsReader {
  report(filter: AnalyticsFilter): Promise<AnalyticsReport>;
}
