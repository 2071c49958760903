import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnalyticsFilter, AnalyticsReport } from '../../src/analytics/analytics-report.js';
import { HISTOGRAM_ERROR } from '../../src/analytics/histogram.js';
import { PgAnalyticsReader } from '../../src/analytics/pg.analytics-reader.js';
import { RollupAnalyticsReader } from '../../src/analytics/rollup.analytics-reader.js';
import { CATEGORIES, EMOTIONS, NATURES } from '../../src/domain/taxonomy.js';
import { SEVERITIES, type TicketDraft } from '../../src/domain/ticket.js';
import type { Handoff } from '../../src/handoff/handoff.js';
import { analyticsEvent, type AnalyticsEventKind } from '../../src/records/analytics-event.js';
import type { ArchiveRecord } from '../../src/records/archive-record.js';
import { ArchiveWriter } from '../../src/records/archive-writer.js';
import { migrate, type RecordsDb } from '../../src/records/database.js';
import { PgTicketStore } from '../../src/records/pg.ticket-store.js';
import { ensureRollups, rebuildRollups, type RollupSettings } from '../../src/records/rollups.js';
import { summaryFor } from '../handoff/fixtures.js';
import { openTestDatabase, testBackends, type TestDatabase } from '../records/databases.js';

const SETTINGS: RollupSettings = {
  timeZone: 'Asia/Shanghai',
  firstResponseSla: { P1: 900, P2: 1800, P3: 3600, P4: 14_400 },
  resolutionSla: 86_400,
};
const WHOLE = { from: '2026-10-20', to: '2026-11-30' };
const FILTERS: AnalyticsFilter[] = [
  WHOLE,
  { from: '2026-11-03', to: '2026-11-09' },
  { ...WHOLE, channel: 'wechat' },
  { from: '2026-11-01', to: '2026-11-15', channel: 'web', category: CATEGORIES[0] },
  // Over a quarter: volume by week.
  { from: '2026-08-01', to: '2026-11-30' },
];
const CHANNELS = ['web', 'wechat', 'telegram'];
const PLACES = ['北京路营业厅', '海淀区', '南山区'];
const PEOPLE = ['张经理', '李师傅'];

/** A seeded generator (mulberry32), so a failure replays with the same facts. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Random tickets (created, reclassified, resolved, closed), handoffs (queued, claimed, closed,
 * rated; each batch written twice, as the archive replays), FAQ and self-service facts in those
 * conversations and elsewhere, and a few rows erased: every path the rollups' triggers follow.
 */
async function seedRandomFacts(db: RecordsDb, seed: number): Promise<void> {
  const random = generator(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const store = new PgTicketStore(db);
  const writer = new ArchiveWriter(db);
  const start = Date.parse('2026-10-25T00:00:00Z');
  const batch: ArchiveRecord[] = [];
  const flush = async (): Promise<void> => {
    await writer.write(batch);
    await writer.write(batch);
    batch.length = 0;
  };
  const fact = (kind: AnalyticsEventKind, at: number, conversation?: string, channel?: string) =>
    batch.push({
      kind: 'event',
      event: analyticsEvent({
        kind,
        at: iso(at),
        ...(conversation === undefined ? {} : { conversationId: conversation }),
        ...(channel === undefined ? {} : { channel }),
        ...(kind === 'faq_missed'
          ? { label: pick(['退款多久到账？', '怎么开发票', '退款 多久']) }
          : {}),
      }),
    });
  for (let i = 0; i < 50; i += 1) {
    const created = start + Math.floor(random() * 30 * 86_400_000);
    const points = Math.floor(random() * 4);
    const draft: TicketDraft = {
      conversationId: `c-${seed}-${i}`,
      channel: pick(CHANNELS),
      lang: 'zh',
      category: pick(CATEGORIES.slice(0, 3)),
      nature: pick(NATURES),
      severity: pick(SEVERITIES),
      flags: [],
      slots: {
        ...(random() < 0.5 ? { place: { value: pick(PLACES), raw: 'x', confidence: 0.9 } } : {}),
        ...(random() < 0.4 ? { people: { value: pick(PEOPLE), raw: 'x', confidence: 0.9 } } : {}),
      },
      unknownSlots: [],
      missingSlots: [],
      emotions: Array.from({ length: points }, (_, n) => ({
        emotion: pick(EMOTIONS),
        intensity: Math.round(random() * 100) / 100,
        at: iso(created + n * 60_000),
      })),
      createdAt: iso(created),
    };
    const ticket = await store.create(draft);
    if (random() < 0.2)
      await store.update(ticket.id, {
        kind: 'details',
        at: iso(created + 1000),
        details: { category: pick(CATEGORIES.slice(0, 3)), severity: pick(SEVERITIES) },
      });
    if (random() < 0.6) {
      const done = created + Math.floor(random() ** 3 * 5 * 86_400_000);
      await store.update(ticket.id, { kind: 'status', at: iso(done), status: 'resolved' });
      if (random() < 0.4)
        await store.update(ticket.id, { kind: 'status', at: iso(done + 5000), status: 'closed' });
    }
    for (const kind of ['faq_answered', 'self_service', 'faq_missed'] as const)
      if (random() < 0.4) fact(kind, created + 30_000, draft.conversationId, draft.channel);
    if (random() < 0.25) fact(pick(['faq_answered', 'self_service'] as const), created + 9000);
    if (random() < 0.6) {
      const enqueued = created + 60_000;
      const summary = {
        ...summaryFor({ conversationId: draft.conversationId }),
        handoffRule: pick(['anger', 'request_human', 'vip']),
      };
      let handoff: Handoff = {
        id: randomUUID(),
        conversationId: draft.conversationId,
        ticketId: ticket.id,
        channel: draft.channel,
        lang: 'zh',
        state: 'queued',
        boost: 0,
        enqueuedAt: iso(enqueued),
        summary,
        notes: [],
        labels: [],
        surveyPending: false,
        version: 1,
      };
      batch.push({ kind: 'handoff', handoff, change: 'enqueued', at: handoff.enqueuedAt });
      if (random() < 0.8) {
        const assigned = enqueued + Math.floor(random() ** 2 * 7200_000);
        handoff = {
          ...handoff,
          state: 'assigned',
          agent: 'li',
          assignedAt: iso(assigned),
          version: 2,
        };
        batch.push({ kind: 'handoff', handoff, change: 'claim', at: iso(assigned) });
        if (random() < 0.7) {
          const closed = assigned + Math.floor(random() * 2 * 86_400_000);
          handoff = { ...handoff, state: 'closed', closedAt: iso(closed), version: 3 };
          batch.push({ kind: 'handoff', handoff, change: 'close', at: iso(closed) });
          if (random() < 0.6) {
            const survey = { rating: 1 + Math.floor(random() * 5), at: iso(closed + 1000) };
            batch.push({
              kind: 'handoff',
              handoff: { ...handoff, survey, version: 4 },
              change: 'survey',
              at: survey.at,
            });
          }
        }
      }
    }
    if (i % 7 === 6) await flush();
  }
  await flush();
  // Erasure and the purge delete: a ticket, a handoff (its conversation is deflected again), facts.
  await db.deleteFrom('tickets').where('conversation_id', '=', `c-${seed}-3`).execute();
  const [gone] = await db.selectFrom('handoffs').select('id').limit(1).execute();
  if (gone !== undefined) await db.deleteFrom('handoffs').where('id', '=', gone.id).execute();
  await db.deleteFrom('analytics_events').where('conversation_id', '=', `c-${seed}-5`).execute();
}

/** Each histogram percentile within its stated bucket error of the exact one. */
function expectWithinBucket(estimate: number | null, exact: number | null): void {
  if (exact === null) return expect(estimate).toBeNull();
  expect(estimate).not.toBeNull();
  const bound = HISTOGRAM_ERROR.relative * exact + HISTOGRAM_ERROR.seconds + 1e-9;
  expect(Math.abs((estimate ?? 0) - exact)).toBeLessThanOrEqual(bound);
}

/** Rates are divisions done in PostgreSQL (avg) or in JavaScript: the same to 1e-9. */
function expectClose(actual: number | null, expected: number | null): void {
  if (expected === null) return expect(actual).toBeNull();
  expect(actual).toBeCloseTo(expected, 9);
}

/** The rollup report equals the raw one: counts exactly, percentiles within their bucket. */
function expectSameReport(rollup: AnalyticsReport, raw: AnalyticsReport): void {
  const { queue, timeToClose, csat } = rollup;
  // Counts and lists exactly; the figures checked below are taken as the rollups give them.
  expect(rollup).toEqual({
    ...raw,
    queue: {
      ...raw.queue,
      waitMedian: queue.waitMedian,
      waitP90: queue.waitP90,
      firstResponseWithinSla: queue.firstResponseWithinSla,
      resolutionWithinSla: queue.resolutionWithinSla,
    },
    timeToClose: { ...raw.timeToClose, median: timeToClose.median, p90: timeToClose.p90 },
    csat: { ...raw.csat, average: csat.average },
  });
  expectWithinBucket(queue.waitMedian, raw.queue.waitMedian);
  expectWithinBucket(queue.waitP90, raw.queue.waitP90);
  expectClose(queue.firstResponseWithinSla, raw.queue.firstResponseWithinSla);
  expectClose(queue.resolutionWithinSla, raw.queue.resolutionWithinSla);
  expectWithinBucket(timeToClose.median, raw.timeToClose.median);
  expectWithinBucket(timeToClose.p90, raw.timeToClose.p90);
  expectClose(csat.average, raw.csat.average);
}

const opened: TestDatabase[] = [];
afterAll(async () => {
  for (const test of opened) await test.drop();
});

for (const backend of await testBackends()) {
  describe(`analytics rollups (${backend})`, { timeout: 120_000 }, () => {
    it('answer as the raw rows do, kept by every write, replay and erasure', async () => {
      const test = await openTestDatabase(backend);
      opened.push(test);
      const { db } = test.database;
      expect(await ensureRollups(db, SETTINGS)).toBe(true);
      await seedRandomFacts(db, 13);
      await seedRandomFacts(db, 7);
      const raw = new PgAnalyticsReader(db, SETTINGS);
      const rollups = new RollupAnalyticsReader(db, SETTINGS);
      const whole = await raw.report(WHOLE);
      // The random facts reach every figure, so the comparison means something.
      expect(whole.totals.tickets).toBeGreaterThan(80);
      expect(whole.queue.claimed).toBeGreaterThan(20);
      expect(whole.timeToClose.closed).toBeGreaterThan(20);
      expect(whole.csat.count).toBeGreaterThan(5);
      expect(whole.deflection.faqAnswered + whole.deflection.selfService).toBeGreaterThan(10);
      expect(whole.dimensions.places.length).toBeGreaterThan(0);
      const weekly = await raw.report({ from: '2026-08-01', to: '2026-11-30' });
      expect(weekly.volumeBucket).toBe('week');
      expect(new Set(weekly.volume.map((row) => new Date(row.day).getUTCDay()))).toEqual(
        new Set([1]),
      );
      expect(weekly.volume.reduce((sum, row) => sum + row.count, 0)).toBe(whole.totals.tickets);
      for (const filter of FILTERS) {
        const exact = await raw.report(filter);
        expectSameReport(await rollups.fromRollups(filter), exact);
        expectSameReport(await rollups.report(filter), exact);
      }
      // An erased or reclassified ticket leaves no label (a place, a person named) behind.
      const stale = sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM rollup_ticket_labels WHERE count <= 0`;
      expect((await stale.execute(db)).rows).toEqual([{ n: 0 }]);
      const named = sql<{
        value: string;
      }>`SELECT value FROM rollup_ticket_labels WHERE kind = 'people'`;
      await db.deleteFrom('tickets').where('people', 'is not', null).execute();
      expect((await named.execute(db)).rows).toEqual([]);
      expect((await stale.execute(db)).rows).toEqual([{ n: 0 }]);
      expectSameReport(await rollups.fromRollups(WHOLE), await raw.report(WHOLE));
    });

    it('rebuild a range of days from the raw rows, and all of them for new settings', async () => {
      const test = await openTestDatabase(backend);
      opened.push(test);
      const { db } = test.database;
      await seedRandomFacts(db, 21);
      const rollups = new RollupAnalyticsReader(db, SETTINGS);
      // Facts written before any settings are counted by the first build.
      expect(await ensureRollups(db, SETTINGS)).toBe(true);
      expect(await ensureRollups(db, SETTINGS)).toBe(false);
      const raw = await new PgAnalyticsReader(db, SETTINGS).report(WHOLE);
      expectSameReport(await rollups.fromRollups(WHOLE), raw);

      await sql`DELETE FROM rollup_ticket_volume WHERE day BETWEEN '2026-11-01' AND '2026-11-10'`.execute(
        db,
      );
      await sql`UPDATE rollup_handoff_days SET handoffs = handoffs + 5`.execute(db);
      const broken = await rollups.fromRollups(WHOLE);
      expect(broken.volume).not.toEqual(raw.volume);
      expect(broken.queue.handoffs).not.toBe(raw.queue.handoffs);
      await rebuildRollups(db, { from: '2026-10-20', to: '2026-11-30' });
      expectSameReport(await rollups.fromRollups(WHOLE), raw);
      await expect(rebuildRollups(db, { from: '2026-11-30', to: '2026-11-01' })).rejects.toThrow(
        /from must not be after to/,
      );

      // A reader with other settings answers from raw rows until the rollups are rebuilt for them.
      const newYork = { ...SETTINGS, timeZone: 'America/New_York' };
      const inNewYork = new RollupAnalyticsReader(db, newYork);
      const exact = await new PgAnalyticsReader(db, newYork).report(WHOLE);
      expect(await inNewYork.report(WHOLE)).toEqual(exact);
      expect((await inNewYork.fromRollups(WHOLE)).volume).not.toEqual(exact.volume);
      expect(await ensureRollups(db, newYork)).toBe(true);
      expectSameReport(await inNewYork.fromRollups(WHOLE), exact);
    });

    it('migrations 0004–0006 go down and up again, leaving the facts alone', async () => {
      const test = await openTestDatabase(backend);
      opened.push(test);
      const { db } = test.database;
      await ensureRollups(db, SETTINGS);
      await seedRandomFacts(db, 5);
      const downs = [];
      for (const step of [
        '0006-rollup-labels-pruned',
        '0005-rollups-without-jit',
        '0004-analytics-rollups',
      ])
        downs.push([(await migrate(db, 'down', test.schema)).results?.[0]?.migrationName, step]);
      expect(downs.map(([undone]) => undone)).toEqual(downs.map(([, step]) => step));
      const left = await sql<{
        name: string;
      }>`SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = ${test.schema} AND (table_name LIKE 'rollup_%' OR table_name LIKE 'analytics_rollup%')
        UNION ALL SELECT trigger_name FROM information_schema.triggers
          WHERE trigger_schema = ${test.schema} AND trigger_name LIKE '%rollup%'`.execute(db);
      expect(left.rows).toEqual([]);
      // Writes go on without the triggers.
      await seedRandomFacts(db, 6);
      await migrate(db, 'latest', test.schema);
      expect(await ensureRollups(db, SETTINGS)).toBe(true);
      const raw = await new PgAnalyticsReader(db, SETTINGS).report(WHOLE);
      expect(raw.totals.tickets).toBeGreaterThan(80);
      expectSameReport(await new RollupAnalyticsReader(db, SETTINGS).fromRollups(WHOLE), raw);
    });
  });
}
