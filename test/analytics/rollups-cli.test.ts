import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/records/database.js';
import { ensureRollups, rollupSettings } from '../../src/records/rollups.js';
import { loadEnv } from '../../src/config/env.js';
import { seedWeek } from './seed.js';

const ROOT = join(import.meta.dirname, '../..');

/** Runs `qingting analytics …` through tsx as an operator would, on the embedded database in `dir`. */
function runAnalytics(
  dir: string,
  args: string[],
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir };
    delete env['DATABASE_URL'];
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'analytics', ...args],
      { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

const volume = sql<{ day: string; count: number }>`SELECT to_char(day, 'YYYY-MM-DD') AS day,
  sum(count)::int AS count FROM rollup_ticket_volume GROUP BY 1 HAVING sum(count) > 0 ORDER BY 1`;

describe('qingting analytics rebuild', { timeout: 120_000 }, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'qt-rollups-cli-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('recounts the rollups of a range of days from the raw rows', async () => {
    let database = await openDatabase({ kind: 'pglite', dataDir: dir });
    await ensureRollups(database.db, rollupSettings(loadEnv({})));
    await seedWeek(database.db);
    const counted = (await volume.execute(database.db)).rows;
    expect(counted.length).toBeGreaterThan(2);
    await sql`DELETE FROM rollup_ticket_volume`.execute(database.db);
    await database.close();

    const run = await runAnalytics(dir, ['rebuild', '--from', '2026-10-01', '--to', '2026-11-30']);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({
      from: '2026-10-01',
      to: '2026-11-30',
      rebuilt: 'range',
    });
    database = await openDatabase({ kind: 'pglite', dataDir: dir });
    expect((await volume.execute(database.db)).rows).toEqual(counted);
    await database.close();
  });

  it('refuses a bad range or subcommand, naming the problem', async () => {
    const backwards = await runAnalytics(dir, [
      'rebuild',
      '--from',
      '2026-11-30',
      '--to',
      '2026-11-01',
    ]);
    expect(backwards.code).toBe(2);
    expect(backwards.err).toMatch(/--from: from must not be after to/);
    const unknown = await runAnalytics(dir, [
      'refresh',
      '--from',
      '2026-11-01',
      '--to',
      '2026-11-02',
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unknown subcommand "refresh"/);
    expect(
      (await runAnalytics(dir, ['rebuild', '--from', 'yesterday', '--to', '2026-11-02'])).err,
    ).toMatch(/--from:/);
  });
});
