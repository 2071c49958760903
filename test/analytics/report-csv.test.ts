import { describe, expect, it } from 'vitest';
import { ANALYTICS_TABLES, AnalyticsReport } from '../../src/analytics/analytics-report.js';
import { reportCsv } from '../../src/analytics/report-csv.js';

const report = AnalyticsReport.parse({
  filter: { from: '2026-11-01', to: '2026-11-01', timeZone: 'Asia/Shanghai' },
  totals: { tickets: 0 },
  volumeBucket: 'day',
  volume: [],
  emotionShift: { calmed: 0, steady: 0, worsened: 0 },
  deflection: { faqAnswered: 0, selfService: 0, ticketsFiled: 0, handedOff: 0, rate: null },
  handoffRules: [],
  queue: {
    handoffs: 0,
    claimed: 0,
    waitMedian: null,
    waitP90: null,
    firstResponseWithinSla: null,
    closed: 0,
    resolutionWithinSla: null,
  },
  timeToClose: { closed: 0, median: null, p90: null },
  csat: { count: 0, average: null, distribution: [0, 0, 0, 0, 0] },
  dimensions: {
    heatmap: [],
    places: [
      { name: '=HYPERLINK("http://x","点我")', count: 2 },
      { name: '朝阳, "南"门', count: 1 },
    ],
    people: [],
    events: [],
    emotions: [],
  },
  faqGaps: [{ example: '-1+1', count: 1, variants: ['a', 'b'] }],
});

describe('report CSV', () => {
  it('never lets a spreadsheet run customer text as a formula, and quotes commas and quotes', () => {
    expect(reportCsv(report, 'places').split('\n')).toEqual([
      '\ufeffname,count',
      `"'=HYPERLINK(""http://x"",""点我"")",2`,
      '"朝阳, ""南""门",1',
      '',
    ]);
    expect(reportCsv(report, 'faqGaps')).toContain(`'-1+1,1,a | b`);
  });

  it('writes empty figures as empty cells and an empty table as nothing but the BOM', () => {
    expect(reportCsv(report, 'queue').split('\n')[1]).toBe('0,0,,,,0,');
    expect(reportCsv(report, 'volume')).toBe('\ufeff');
  });

  it('exports every table', () => {
    for (const table of ANALYTICS_TABLES) expect(() => reportCsv(report, table)).not.toThrow();
  });
});
