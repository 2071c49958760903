/**
 * A seeded system of record on the real PostgreSQL for the scale benches (records, analytics):
 * BENCH_TICKETS tickets (default 1,000,000, one every 31 s back over about a year) with two transcript
 * lines each, a handoff for three in ten, and the analytics facts the dashboard reads — all built by
 * generate_series inside the server, so a million take minutes. The database is fresh and dropped
 * afterwards, unless BENCH_KEEP_DATABASE names one to seed once and reuse between runs.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { CATEGORIES, EMOTIONS, NATURES } from '../../src/domain/taxonomy.js';
import { openDatabase, type RecordsDb } from '../../src/records/database.js';

const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TICKETS = Number(process.env.BENCH_TICKETS ?? 1_000_000);
/** Phones repeat: about five tickets per customer. */
export const PHONES = Math.max(1, Math.floor(TICKETS / 5));
export const CHANNELS = ['webchat', 'wechat', 'wecom', 'telegram', 'email'];
const STATUSES = ['open', 'in_progress', 'resolved', 'closed'];
const RULES = ['explicit_request', 'anger', 'vip', 'repeat_contact', 'stuck'];
const PLACES = ['朝阳区营业厅', '海淀区', '浦东新区', '天河区', '南山区', '西湖区', '武侯区'];
const PEOPLE = ['张师傅', '李经理', '客服小王', '装维人员', '前台'];
/** Unanswered questions, in a few spellings each, so the FAQ-gap grouping has work to do. */
const MISSED = [
  '宽带怎么办理移机',
  '宽带怎么办理移机？',
  '怎么 办理宽带移机',
  '积分可以兑换话费吗',
  '积分能换话费吗',
  '国际漫游怎么开通',
  '发票在哪里下载',
  '副卡怎么取消',
];
const CHUNK = 100_000;

const textArray = (values: readonly string[]) =>
  sql.raw(`ARRAY[${values.map((v) => `'${v}'`).join(',')}]`);

async function seedChunk(db: RecordsDb, start: number, end: number): Promise<void> {
  // Each row is a complete ticket document that Ticket.parse accepts: two or three emotion points,
  // place and people for some, a resolution in the history of resolved and closed ones.
  await sql`
    WITH g AS (
      SELECT i,
        now() - make_interval(secs => i * 31) AS at,
        'Q' || to_char((now() - make_interval(secs => i * 31)) AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || '-' || lpad((i % 1000000)::text, 6, '0') AS id,
        (${textArray(CATEGORIES)})[1 + i % ${CATEGORIES.length}] AS category,
        (${textArray(NATURES)})[1 + (i / 11) % ${NATURES.length}] AS nature,
        (${textArray(CHANNELS)})[1 + i % ${CHANNELS.length}] AS channel,
        (${textArray(STATUSES)})[1 + (i / 7) % ${STATUSES.length}] AS status,
        (${textArray(EMOTIONS)})[1 + (i / 3) % ${EMOTIONS.length}] AS emotion,
        (${textArray(EMOTIONS)})[1 + (i / 5) % ${EMOTIONS.length}] AS last_emotion,
        (${textArray(PLACES)})[1 + i % ${PLACES.length}] AS place,
        (${textArray(PEOPLE)})[1 + i % ${PEOPLE.length}] AS person,
        '86138' || lpad((i % ${PHONES})::text, 8, '0') AS phone
      FROM generate_series(${start}::int, ${end}::int) AS i)
    INSERT INTO tickets (id, conversation_id, channel, lang, category, nature, severity, status, phone,
      handoff_rule, created_at, updated_at, version, body)
    SELECT id, 'conv-' || i, channel, 'zh', category, nature, 'P' || (1 + i % 4), status, phone,
      CASE WHEN i % 10 < 3 THEN (${textArray(RULES)})[1 + i % ${RULES.length}] END, at, at, 1,
      jsonb_build_object(
        'id', id, 'conversationId', 'conv-' || i, 'channel', channel, 'lang', 'zh', 'category', category,
        'nature', nature, 'severity', 'P' || (1 + i % 4), 'flags', '[]'::jsonb,
        'slots', jsonb_build_object(
          'contact_phone', jsonb_build_object('value', phone, 'raw', phone, 'confidence', 0.9),
          'event', jsonb_build_object('value', '话费多扣 ' || i, 'raw', '话费多扣', 'confidence', 0.8))
          || CASE WHEN i % 3 = 0 THEN jsonb_build_object('place', jsonb_build_object('value', place, 'raw', place, 'confidence', 0.8)) ELSE '{}'::jsonb END
          || CASE WHEN i % 4 = 0 THEN jsonb_build_object('people', jsonb_build_object('value', person, 'raw', person, 'confidence', 0.7)) ELSE '{}'::jsonb END,
        'unknownSlots', '[]'::jsonb, 'missingSlots', '[]'::jsonb,
        'emotions', jsonb_build_array(
            jsonb_build_object('emotion', emotion, 'intensity', 0.3 + (i % 7) / 10.0, 'at', to_json(at)),
            jsonb_build_object('emotion', last_emotion, 'intensity', 0.2 + (i % 5) / 10.0, 'at', to_json(at + interval '1 minute')))
          || CASE WHEN i % 2 = 0 THEN jsonb_build_array(jsonb_build_object('emotion', last_emotion, 'intensity', 0.1 + (i % 9) / 10.0, 'at', to_json(at + interval '2 minutes'))) ELSE '[]'::jsonb END,
        'createdAt', to_json(at), 'status', status,
        'statusHistory', jsonb_build_array(jsonb_build_object('status', 'open', 'at', to_json(at)))
          || CASE WHEN status IN ('resolved', 'closed') THEN jsonb_build_array(jsonb_build_object('status', 'resolved', 'at', to_json(at + make_interval(mins => 30 + i % 2000)))) ELSE '[]'::jsonb END,
        'supplements', '[]'::jsonb, 'updatedAt', to_json(at), 'version', 1)
    FROM g`.execute(db);
  await sql`
    INSERT INTO transcript_messages (conversation_id, message_id, sender, text, at)
    SELECT 'conv-' || i, 'm-' || i || '-' || n, CASE WHEN n = 1 THEN 'customer' ELSE 'bot' END,
      CASE WHEN n = 1 THEN '我的话费被多扣了，号码 13800138000' ELSE '非常抱歉给您带来不便，我来帮您记录。' END,
      now() - make_interval(secs => i * 31 - n)
    FROM generate_series(${start}::int, ${end}::int) AS i, generate_series(1, 2) AS n`.execute(db);
  // Three in ten go to a person: most are claimed, some closed, some rated.
  await sql`
    INSERT INTO handoffs (id, conversation_id, ticket_id, channel, state, agent, rule, enqueued_at,
      assigned_at, closed_at, resolution_code, rating, version, body)
    SELECT 'h-' || t.seq, t.conversation_id, t.id, t.channel,
      CASE WHEN t.seq % 9 = 0 THEN 'queued' WHEN t.seq % 3 = 0 THEN 'assigned' ELSE 'closed' END,
      CASE WHEN t.seq % 9 <> 0 THEN 'agent' || t.seq % 40 END, t.handoff_rule,
      t.created_at + interval '2 minutes',
      CASE WHEN t.seq % 9 <> 0 THEN t.created_at + make_interval(secs => 150 + t.seq % 3600) END,
      CASE WHEN t.seq % 3 <> 0 THEN t.created_at + make_interval(mins => (20 + t.seq % 2500)::int) END,
      CASE WHEN t.seq % 3 <> 0 THEN 'solved' END,
      CASE WHEN t.seq % 3 <> 0 AND t.seq % 2 = 0 THEN 1 + t.seq % 5 END, 1, '{}'::jsonb
    FROM tickets t WHERE t.handoff_rule IS NOT NULL AND t.conversation_id IN (
      SELECT 'conv-' || i FROM generate_series(${start}::int, ${end}::int) AS i)`.execute(db);
  // Per ticket: one turn fact; besides, FAQ answers (two in five), misses (one in ten), self-service.
  await sql`
    INSERT INTO analytics_events (id, at, kind, conversation_id, channel, emotion, intensity, label)
    SELECT gen_random_uuid(), now() - make_interval(secs => i * 31 + 5), k.kind, 'conv-' || i,
      (${textArray(CHANNELS)})[1 + i % ${CHANNELS.length}],
      CASE WHEN k.kind = 'turn' THEN (${textArray(EMOTIONS)})[1 + (i / 3) % ${EMOTIONS.length}] END,
      CASE WHEN k.kind = 'turn' THEN 0.5 END,
      CASE k.kind WHEN 'faq_missed' THEN (${textArray(MISSED)})[1 + i % ${MISSED.length}]
        WHEN 'faq_answered' THEN 'faq-' || i % 50 WHEN 'self_service' THEN 'bill' END
    FROM generate_series(${start}::int, ${end}::int) AS i
    JOIN (VALUES ('turn', 1), ('faq_answered', 5), ('faq_missed', 10), ('self_service', 20)) AS k (kind, every)
      ON k.every = 1 OR i % k.every = 0`.execute(db);
}

async function seed(db: RecordsDb): Promise<void> {
  const started = performance.now();
  for (let start = 1; start <= TICKETS; start += CHUNK) {
    const end = Math.min(TICKETS, start + CHUNK - 1);
    await seedChunk(db, start, end);
    process.stdout.write(`  seeded ${end.toLocaleString('en')} tickets\n`);
  }
  // What an established database looks like to the planner: statistics and a visibility map.
  await sql`VACUUM ANALYZE`.execute(db);
  const counts = await sql<{ kind: string; rows: string }>`
    SELECT 'tickets' AS kind, count(*)::text AS rows FROM tickets UNION ALL
    SELECT 'transcript lines', count(*)::text FROM transcript_messages UNION ALL
    SELECT 'handoffs', count(*)::text FROM handoffs UNION ALL
    SELECT 'analytics events', count(*)::text FROM analytics_events`.execute(db);
  console.log(
    `  seeded ${counts.rows.map((r) => `${Number(r.rows).toLocaleString('en')} ${r.kind}`).join(', ')} in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
}

/**
 * Runs `fn` over a seeded database opened at the latest migration. With BENCH_KEEP_DATABASE the named
 * database is seeded only when new and is kept; otherwise a fresh one is made and dropped after.
 */
export async function withSeededDatabase(
  fn: (db: RecordsDb, url: string) => Promise<void>,
): Promise<void> {
  const kept = process.env.BENCH_KEEP_DATABASE;
  if (kept !== undefined && !/^[a-z_][a-z0-9_]*$/.test(kept))
    throw new Error(`BENCH_KEEP_DATABASE must be a plain lower-case name, not ${kept}`);
  const name = kept ?? `qt_bench_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  const fresh = exists.rowCount === 0;
  if (fresh) await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  try {
    const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 4 });
    try {
      if (fresh) await seed(database.db);
      // A migration that just ran on a kept database leaves a rewritten table without statistics
      // or visibility map, which autovacuum would restore in production.
      else await sql`VACUUM ANALYZE`.execute(database.db);
      await fn(database.db, url.toString());
    } finally {
      await database.close();
    }
  } finally {
    if (kept === undefined) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
