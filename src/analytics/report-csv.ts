import { stringify } from 'csv-stringify/sync';
import type { AnalyticsReport, AnalyticsTable } from './analytics-report.js';

type Cell = string | number | null;

/** One table of the report as header + rows; objects become one row, lists one row per item. */
export function reportTable(
  report: AnalyticsReport,
  table: AnalyticsTable,
): Record<string, Cell>[] {
  switch (table) {
    case 'volume':
    case 'handoffRules':
      return report[table];
    case 'emotionShift':
    case 'deflection':
    case 'queue':
    case 'timeToClose':
      return [report[table]];
    case 'csat': {
      const { count, average, distribution } = report.csat;
      return [
        {
          count,
          average,
          ...Object.fromEntries(distribution.map((n, i) => [`rating_${i + 1}`, n])),
        },
      ];
    }
    case 'heatmap':
    case 'places':
    case 'people':
    case 'events':
    case 'emotions':
      return report.dimensions[table];
    case 'faqGaps':
      return report.faqGaps.map((gap) => ({ ...gap, variants: gap.variants.join(' | ') }));
  }
}

/**
 * A table as CSV with a BOM (so Excel reads the Chinese as UTF-8); a cell starting with = + - @
 * is quoted with a leading apostrophe so a spreadsheet never runs customer text as a formula.
 */
export function reportCsv(report: AnalyticsReport, table: AnalyticsTable): string {
  const records = reportTable(report, table);
  const columns = Object.keys(records[0] ?? {});
  const safe = records.map((record) =>
    columns.map((column) => {
      const value = record[column] ?? '';
      return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    }),
  );
  return `\ufeff${stringify(safe, { header: columns.length > 0, columns })}`;
}
