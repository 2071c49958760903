/**
 * The system of record at scale: over the million seeded tickets of scripts/support/records-seed.ts
 * on the real PostgreSQL (BENCH_DATABASE_URL, default the local server), reports the p50/p95 of agent
 * search and customer history with the shipped indexes (goal: search p95 ≤ 50 ms). The dashboard's
 * queries are timed by scripts/bench/analytics.ts.
 */
import { randomInt } from 'node:crypto';
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import { CATEGORIES } from '../../src/domain/taxonomy.js';
import { CustomerData } from '../../src/records/customer-data.js';
import type { RecordsDb } from '../../src/records/database.js';
import { TicketSearch } from '../../src/records/ticket-search.js';
import { CHANNELS, PHONES, TICKETS, withSeededDatabase } from '../support/records-seed.js';
import { percentile } from '../support/timing.js';

const SAMPLES = 200;

/** A query the bench times with fresh random parameters on each run. */
interface TimedQuery {
  name: string;
  run(db: RecordsDb): Promise<unknown>;
}

/** `ids`: real ticket numbers drawn before timing, so a sample times the search alone. */
function searchQueries(db: RecordsDb, ids: readonly string[]): TimedQuery[] {
  const search = new TicketSearch(db);
  const customers = new CustomerData(db);
  const anyTicket = (): number => 1 + randomInt(TICKETS);
  const phoneOf = (i: number): string => `+86 138${String(i % PHONES).padStart(8, '0')}`;
  const dayAgo = (days: number): string => new Date(Date.now() - days * 86_400_000).toISOString();
  return [
    {
      name: 'ticket by number',
      run: () => search.search({ q: ids[randomInt(ids.length)] ?? '', limit: 20 }),
    },
    { name: 'tickets by phone', run: () => search.search({ q: phoneOf(anyTicket()), limit: 20 }) },
    {
      name: 'status + date range, newest 20',
      run: () =>
        search.search({
          status: 'open',
          from: dayAgo(200),
          to: dayAgo(randomInt(1, 150)),
          limit: 20,
        }),
    },
    {
      name: 'category + channel, newest 20',
      run: () =>
        search.search({
          category: CATEGORIES[randomInt(CATEGORIES.length)],
          channel: CHANNELS[randomInt(CHANNELS.length)],
          limit: 20,
        }),
    },
    {
      name: 'customer history by phone',
      run: () => customers.history({ phone: phoneOf(anyTicket()) }),
    },
  ];
}

async function time(db: RecordsDb, query: TimedQuery): Promise<string> {
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i += 1) {
    const started = performance.now();
    await query.run(db);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return `  ${query.name.padEnd(34)} p50 ${percentile(samples, 50).toFixed(2)} ms, p95 ${percentile(samples, 95).toFixed(2)} ms (n=${SAMPLES}), load ${loadavg()[0]?.toFixed(1)}`;
}

export async function run(): Promise<void> {
  await withSeededDatabase(async (db) => {
    const sample = await sql<{
      id: string;
    }>`SELECT id FROM tickets TABLESAMPLE SYSTEM (1) LIMIT ${SAMPLES}`.execute(db);
    const ids = sample.rows.map((r) => r.id);
    for (const query of searchQueries(db, ids)) console.log(await time(db, query));
  });
}
