/**
 * `qingting analytics rebuild --from YYYY-MM-DD --to YYYY-MM-DD`: recounts the dashboard's per-day
 * rollups of those days (BUSINESS_TIME_ZONE, both included) from the raw rows of the system of
 * record — after a restore, a bulk import or a fix to a raw row. The one command that opens the
 * database: DATABASE_URL, else the embedded PGlite in DATA_DIR (stop the server first: PGlite has
 * one user). Prints one JSON line `{from, to, rebuilt, ms}`; a bad date exits 2 naming the option.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EnvSchema } from '../../config/env.js';
import { openDatabase } from '../../records/database.js';
import {
  ensureRollups,
  rebuildRollups,
  RebuildRange,
  rollupSettings,
} from '../../records/rollups.js';
import { loadCliEnv } from '../cli-env.js';

const USAGE = 'usage: qingting analytics rebuild --from YYYY-MM-DD --to YYYY-MM-DD';

export async function run(args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { from: { type: 'string' }, to: { type: 'string' } },
  });
  const range = RebuildRange.safeParse(values);
  if (positionals.join(' ') !== 'rebuild' || !range.success) {
    const problem = range.success
      ? `unknown subcommand ${JSON.stringify(positionals.join(' '))}`
      : range.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ');
    process.stderr.write(`qingting analytics: ${problem}\n${USAGE}\n`);
    return 2;
  }
  const env = loadCliEnv();
  const url = EnvSchema.shape.DATABASE_URL.parse(process.env.DATABASE_URL);
  const database = await openDatabase(
    url === undefined
      ? {
          kind: 'pglite',
          dataDir: env.DATA_DIR.startsWith('memory://') ? env.DATA_DIR : resolve(env.DATA_DIR),
        }
      : { kind: 'postgres', url, poolSize: 1 },
  );
  try {
    const started = performance.now();
    // Settings that changed since the last build rebuild every day anyway.
    const everything = await ensureRollups(database.db, rollupSettings(env));
    if (!everything) await rebuildRollups(database.db, range.data);
    const line = {
      ...range.data,
      rebuilt: everything ? 'all days (new settings)' : 'range',
      ms: Math.round(performance.now() - started),
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
    return 0;
  } finally {
    await database.close();
  }
}
