import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgAnalyticsReader } from '../../src/analytics/pg.analytics-reader.js';
import { openTestDatabase, testBackends, type TestDatabase } from '../records/databases.js';
import { seedWeek } from './seed.js';

const WEEK = { from: '2026-11-01', to: '2026-11-05' };
const SLA = { P1: 900, P2: 1800, P3: 3600, P4: 14_400 };

for (const backend of await testBackends()) {
  describe(`analytics reader over ${backend}`, { timeout: 60_000 }, () => {
    let test: TestDatabase;
    let reader: PgAnalyticsReader;
    beforeAll(async () => {
      test = await openTestDatabase(backend);
      await seedWeek(test.database.db);
      reader = new PgAnalyticsReader(test.database.db, {
        timeZone: 'Asia/Shanghai',
        firstResponseSla: SLA,
        resolutionSla: 86_400,
      });
    }, 60_000);
    afterAll(() => test.drop());

    it('counts volume per business-time-zone day, channel, category, nature and severity', async () => {
      const report = await reader.report(WEEK);
      expect(report.totals.tickets).toBe(3);
      expect(report.volume).toEqual([
        {
          day: '2026-11-02',
          channel: 'web',
          category: 'billing',
          nature: 'effective',
          severity: 'P2',
          count: 1,
        },
        {
          day: '2026-11-03',
          channel: 'web',
          category: 'network',
          nature: 'communicative',
          severity: 'P3',
          count: 1,
        },
        {
          day: '2026-11-04',
          channel: 'wechat',
          category: 'billing',
          nature: 'effective',
          severity: 'P1',
          count: 1,
        },
      ]);
    });

    it('compares the first and last emotion of the bot part, ignoring single-turn trails', async () => {
      const report = await reader.report(WEEK);
      expect(report.emotionShift).toEqual({ calmed: 1, steady: 0, worsened: 1 });
    });

    it('measures deflection, handoffs by rule, queue waits against the SLA, closing time and CSAT', async () => {
      const report = await reader.report(WEEK);
      expect(report.deflection).toEqual({
        faqAnswered: 3,
        selfService: 1,
        ticketsFiled: 3,
        handedOff: 2,
        rate: 4 / 7,
      });
      expect(report.handoffRules).toEqual([
        { rule: 'angry_customer', count: 1, rate: 1 / 3 },
        { rule: 'p1_risk', count: 1, rate: 1 / 3 },
      ]);
      expect(report.queue).toEqual({
        handoffs: 2,
        claimed: 2,
        waitMedian: 720,
        waitP90: 240 + 0.9 * 960,
        firstResponseWithinSla: 0.5,
        closed: 1,
        resolutionWithinSla: 1,
      });
      expect(report.timeToClose).toEqual({ closed: 1, median: 7200, p90: 7200 });
      expect(report.csat).toEqual({ count: 1, average: 4, distribution: [0, 0, 0, 1, 0] });
    });

    it('gives the five dimensions: weekday x hour, places, people, events, emotions', async () => {
      const { dimensions } = await reader.report(WEEK);
      expect(dimensions.heatmap).toEqual([
        { weekday: 1, hour: 10, count: 1 },
        { weekday: 2, hour: 0, count: 1 },
        { weekday: 3, hour: 18, count: 1 },
      ]);
      expect(dimensions.places).toEqual([{ name: '北京路营业厅', count: 2 }]);
      expect(dimensions.people).toEqual([{ name: '张经理', count: 1 }]);
      expect(dimensions.events).toEqual([
        { category: 'billing', count: 2 },
        { category: 'network', count: 1 },
      ]);
      expect(dimensions.emotions).toEqual([
        { emotion: 'angry', count: 1 },
        { emotion: 'anxious', count: 1 },
        { emotion: 'sad', count: 1 },
      ]);
    });

    it('groups the unanswered FAQ questions of the range, most asked first', async () => {
      const { faqGaps } = await reader.report(WEEK);
      expect(faqGaps).toHaveLength(2);
      expect(faqGaps[0]).toMatchObject({ count: 3 });
      expect([faqGaps[0]?.example, ...(faqGaps[0]?.variants ?? [])].sort()).toEqual(
        ['退款 多久 能到账', '退款多久到账', '退款多久到账？'].sort(),
      );
      expect(faqGaps[1]).toEqual({ example: '怎么开发票', count: 1, variants: [] });
    });

    it('narrows tickets and handoffs by channel and by category', async () => {
      const wechat = await reader.report({ ...WEEK, channel: 'wechat' });
      expect(wechat.totals.tickets).toBe(1);
      expect(wechat.handoffRules).toEqual([{ rule: 'p1_risk', count: 1, rate: 1 }]);
      expect(wechat.queue.firstResponseWithinSla).toBe(0);
      expect(wechat.csat.count).toBe(0);
      // Facts that know their channel follow the filter; older ones without one drop out.
      expect(wechat.deflection).toMatchObject({ faqAnswered: 0, selfService: 0 });
      expect((await reader.report({ ...WEEK, channel: 'web' })).deflection).toMatchObject({
        faqAnswered: 0,
        selfService: 1,
      });
      const network = await reader.report({ ...WEEK, category: 'network' });
      expect(network.volume.map((row) => row.category)).toEqual(['network']);
      expect(network.queue).toMatchObject({
        handoffs: 0,
        waitMedian: null,
        firstResponseWithinSla: null,
      });
    });

    it('includes both end days whole and nothing outside', async () => {
      expect((await reader.report({ from: '2026-11-03', to: '2026-11-03' })).totals.tickets).toBe(
        1,
      );
      expect((await reader.report({ from: '2026-10-20', to: '2026-10-20' })).totals.tickets).toBe(
        1,
      );
      expect((await reader.report({ from: '2026-12-01', to: '2026-12-31' })).totals.tickets).toBe(
        0,
      );
    });
  });
}
