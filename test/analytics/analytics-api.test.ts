import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyticsReport } from '../../src/analytics/analytics-report.js';
import type { App } from '../../src/app.js';
import { login } from '../handoff/harness.js';
import { startTestApp } from '../support/test-app.js';
import { seedWeek } from './seed.js';

const ENV = {
  RECORDS: 'database',
  DATA_DIR: 'memory://',
  AGENT_SEED: 'amy:secret-amy,root:secret-root',
  AGENT_ADMINS: 'root',
};
const WEEK = 'from=2026-11-01&to=2026-11-05';

async function get(url: string, path: string, token?: string) {
  const response = await fetch(`${url}${path}`, {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return {
    status: response.status,
    headers: response.headers,
    bytes,
    /** Decoded keeping a BOM, so the test sees it. */
    text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes),
  };
}

describe('analytics API over the product', { timeout: 90_000 }, () => {
  let app: App;
  let url: string;
  let amy: string;
  let root: string;
  beforeAll(async () => {
    const started = await startTestApp(ENV);
    app = started.app;
    url = started.url;
    const records = app.context.records;
    if (records === undefined) throw new Error('records are off');
    await seedWeek(records.database.db);
    amy = await login(url, 'amy');
    root = await login(url, 'root');
  }, 90_000);
  afterAll(() => app.close());

  it('answers 401 without a token and 403 to an agent', async () => {
    expect((await get(url, `/api/admin/analytics?${WEEK}`)).status).toBe(401);
    expect((await get(url, `/api/admin/analytics?${WEEK}`, amy)).status).toBe(403);
    expect((await get(url, `/api/admin/analytics.csv?table=volume&${WEEK}`, amy)).status).toBe(403);
  });

  it('gives an admin the typed report of the range', async () => {
    const response = await get(url, `/api/admin/analytics?${WEEK}&channel=web`, root);
    expect(response.status).toBe(200);
    const report = AnalyticsReport.parse(JSON.parse(response.text));
    expect(report.filter).toEqual({
      ...{ from: '2026-11-01', to: '2026-11-05' },
      channel: 'web',
      timeZone: 'Asia/Shanghai',
    });
    expect(report.totals.tickets).toBe(2);
    expect(report.handoffRules).toEqual([{ rule: 'angry_customer', count: 1, rate: 0.5 }]);
  });

  it('defaults to the last 30 days', async () => {
    const response = await get(url, '/api/admin/analytics', root);
    const report = AnalyticsReport.parse(JSON.parse(response.text));
    const days = (Date.parse(report.filter.to) - Date.parse(report.filter.from)) / 86_400_000;
    expect(days).toBe(29);
  });

  it.each([
    ['from=2026-13-01&to=2026-11-05', 'from'],
    ['from=2026-11-01&to=yesterday', 'to'],
    ['from=2026-11-06&to=2026-11-05', 'from'],
    [`${WEEK}&category=weather`, 'category'],
    [`${WEEK}&channel=`, 'channel'],
    [`${WEEK}&colour=red`, 'colour'],
  ])('answers 400 naming the bad parameter for %s', async (query, name) => {
    const response = await get(url, `/api/admin/analytics?${query}`, root);
    expect(response.status).toBe(400);
    expect((JSON.parse(response.text) as { error: string }).error).toMatch(
      new RegExp(`^${name}\\b`),
    );
  });

  it('exports any table as CSV with a BOM, and 400 for an unknown table', async () => {
    const volume = await get(url, `/api/admin/analytics.csv?table=volume&${WEEK}`, root);
    expect(volume.status).toBe(200);
    expect(volume.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect([...volume.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(volume.headers.get('content-disposition')).toContain('volume-2026-11-01-2026-11-05.csv');
    expect(volume.text.slice(1).trim().split('\n')).toEqual([
      'day,channel,category,nature,severity,count',
      '2026-11-02,web,billing,effective,P2,1',
      '2026-11-03,web,network,communicative,P3,1',
      '2026-11-04,wechat,billing,effective,P1,1',
    ]);
    const csat = await get(url, `/api/admin/analytics.csv?table=csat&${WEEK}`, root);
    expect(csat.text.slice(1).trim().split('\n')).toEqual([
      'count,average,rating_1,rating_2,rating_3,rating_4,rating_5',
      '1,4,0,0,0,1,0',
    ]);
    const bad = await get(url, `/api/admin/analytics.csv?table=secrets&${WEEK}`, root);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('table');
  });
});
