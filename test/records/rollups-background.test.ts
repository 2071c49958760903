import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { storedRollupSettings } from '../../src/records/rollups.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.js';
import { startTestApp } from '../support/test-app.js';
import { postgresAvailable } from './databases.js';

const settled = (promise: Promise<unknown>): Promise<boolean> =>
  Promise.race([
    promise.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 200)),
  ]);

function recordsOf(app: App) {
  const records = app.context.records;
  if (records === undefined) throw new Error('no records with RECORDS=database');
  return records;
}

describe.runIf(await postgresAvailable())(
  'a changed business time zone rebuilds the rollups after start-up',
  { timeout: 60_000 },
  () => {
    let scratch: ScratchDatabase | undefined;
    const apps: App[] = [];
    let blocker: pg.Client | undefined;
    afterAll(async () => {
      await blocker?.end().catch(() => undefined);
      for (const app of apps) await app.close();
      await scratch?.drop();
    });

    it('listens while the rebuild waits, and the rebuild then completes', async () => {
      scratch = await createScratchDatabase();
      const env = (timeZone: string) => ({
        RECORDS: 'database',
        DATABASE_URL: scratch?.url ?? '',
        BUSINESS_TIME_ZONE: timeZone,
      });
      const first = await startTestApp(env('Asia/Shanghai'));
      await recordsOf(first.app).rollupsReady;
      const db = recordsOf(first.app).database.db;
      expect((await storedRollupSettings(db))?.timeZone).toBe('Asia/Shanghai');
      await first.app.close();

      // Another session holds the settings table, so the rebuild cannot begin until it lets go.
      blocker = new pg.Client({ connectionString: scratch.url });
      await blocker.connect();
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE analytics_rollup_settings IN EXCLUSIVE MODE');

      const second = await Promise.race([
        startTestApp(env('America/New_York')),
        new Promise<never>((_resolve, reject) =>
          setTimeout(() => reject(new Error('start-up waited for the rollups')), 15_000),
        ),
      ]);
      apps.push(second.app);
      expect((await fetch(`${second.url}/healthz`)).status).toBe(200);
      const records = recordsOf(second.app);
      expect(await settled(records.rollupsReady)).toBe(false);
      expect((await storedRollupSettings(records.database.db))?.timeZone).toBe('Asia/Shanghai');

      await blocker.query('COMMIT');
      await records.rollupsReady;
      expect((await storedRollupSettings(records.database.db))?.timeZone).toBe('America/New_York');
    });
  },
);
