/**
 * The system of record at scale: seeds BENCH_TICKETS tickets (default 1,000,000) with two transcript
 * lines each into a fresh database on the real PostgreSQL (BENCH_DATABASE_URL, default the local
 * server), dropped afterwards, and reports the p50/p95 of agent search and customer history with
 * the shipped indexes (goal: search p95 ≤ 50 ms). Dashboard queries register in DASHBOARD_QUERIES
 * and are timed the same way (goal ≤ 300 ms each).
 */
import { randomInt, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { CATEGORIES, EMOTIONS, NATURES } from '../../src/domain/taxonomy.js';
import { CustomerData } from '../../src/records/customer-data.js';
import { openDatabase, type RecordsDb } from '../../src/records/database.js';
import { TicketSearch } from '../../src/records/ticket-search.js';
import { percentile } from '../support/timing.js';

const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TICKETS = Number(process.env.BENCH_TICKETS ?? 1_000_000);
const CHUNK = 100_000;
const SAMPLES = 200;
/** Phones repeat: about five tickets per customer. */
const PHONES = Math.max(1, Math.floor(TICKETS / 5));
const CHANNELS = ['webchat', 'wechat', 'wecom', 'telegram', 'email'];
const STATUSES = ['open', 'in_progress', 'resolved', 'closed'];

/** A query the bench times with fresh random parameters on each run. */
export interface TimedQuery {
  name: string;
  run(db: RecordsDb): Promise<unknown>;
}

/** Dashboard queries (src/analytics) add themselves here to be timed over the same million tickets. */
export const DASHBOARD_QUERIES: TimedQuery[] = [];

const textArray = (values: readonly string[]) =>
  sql.raw(`ARRAY[${values.map((v) => `'${v}'`).join(',')}]`);

async function seed(db: RecordsDb): Promise<void> {
  for (let start = 1; start <= TICKETS; start += CHUNK) {
    const end = Math.min(TICKETS, start + CHUNK - 1);
    // Built server-side: each row is a complete ticket document that Ticket.parse accepts.
    await sql`
      WITH g AS (
        SELECT i,
          now() - make_interval(secs => i * 31) AS at,
          (${textArray(CATEGORIES)})[1 + i % ${CATEGORIES.length}] AS category,
          (${textArray(NATURES)})[1 + i % ${NATURES.length}] AS nature,
          (${textArray(CHANNELS)})[1 + i % ${CHANNELS.length}] AS channel,
          (${textArray(STATUSES)})[1 + (i / 7) % ${STATUSES.length}] AS status,
          (${textArray(EMOTIONS)})[1 + (i / 3) % ${EMOTIONS.length}] AS emotion,
          '86138' || lpad((i % ${PHONES})::text, 8, '0') AS phone
        FROM generate_series(${start}::int, ${end}::int) AS i)
      INSERT INTO tickets (id, conversation_id, channel, lang, category, nature, severity, status, phone,
        handoff_rule, created_at, updated_at, version, body)
      SELECT 'Q' || to_char(at AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || '-' || lpad((i % 1000000)::text, 6, '0'),
        'conv-' || i, channel, 'zh', category, nature, 'P' || (1 + i % 4), status, phone, NULL, at, at, 1,
        jsonb_build_object(
          'id', 'Q' || to_char(at AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || '-' || lpad((i % 1000000)::text, 6, '0'),
          'conversationId', 'conv-' || i, 'channel', channel, 'lang', 'zh', 'category', category,
          'nature', nature, 'severity', 'P' || (1 + i % 4), 'flags', '[]'::jsonb,
          'slots', jsonb_build_object(
            'contact_phone', jsonb_build_object('value', phone, 'raw', phone, 'confidence', 0.9),
            'event', jsonb_build_object('value', '话费多扣 ' || i, 'raw', '话费多扣', 'confidence', 0.8)),
          'unknownSlots', '[]'::jsonb, 'missingSlots', '[]'::jsonb,
          'emotions', jsonb_build_array(jsonb_build_object('emotion', emotion, 'intensity', 0.6, 'at', to_json(at))),
          'createdAt', to_json(at), 'status', status,
          'statusHistory', jsonb_build_array(jsonb_build_object('status', 'open', 'at', to_json(at))),
          'supplements', '[]'::jsonb, 'updatedAt', to_json(at), 'version', 1)
      FROM g`.execute(db);
    await sql`
      INSERT INTO transcript_messages (conversation_id, message_id, sender, text, at)
      SELECT 'conv-' || i, 'm-' || i || '-' || n, CASE WHEN n = 1 THEN 'customer' ELSE 'bot' END,
        CASE WHEN n = 1 THEN '我的话费被多扣了,号码 13800138000' ELSE '非常抱歉给您带来不便,我来帮您记录。' END,
        now() - make_interval(secs => i * 31 - n)
      FROM generate_series(${start}::int, ${end}::int) AS i, generate_series(1, 2) AS n`.execute(
      db,
    );
    process.stdout.write(`  seeded ${end.toLocaleString('en')} tickets\n`);
  }
  await sql`ANALYZE`.execute(db);
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
  return `  ${query.name.padEnd(34)} p50 ${percentile(samples, 50).toFixed(2)} ms, p95 ${percentile(samples, 95).toFixed(2)} ms (n=${SAMPLES})`;
}

export async function run(): Promise<void> {
  const name = `qt_bench_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  try {
    const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 4 });
    try {
      const started = performance.now();
      await seed(database.db);
      console.log(
        `  seeded ${TICKETS.toLocaleString('en')} tickets, ${(2 * TICKETS).toLocaleString('en')} transcript lines in ${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
      const sample = await sql<{
        id: string;
      }>`SELECT id FROM tickets TABLESAMPLE SYSTEM (1) LIMIT ${SAMPLES}`.execute(database.db);
      const ids = sample.rows.map((r) => r.id);
      for (const query of [...searchQueries(database.db, ids), ...DASHBOARD_QUERIES])
        console.log(await time(database.db, query));
    } finally {
      await database.close();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
