import { statements } from './statements.js';

/**
 * Per-day rollups of the dashboard's figures (src/analytics/README.md "Rollups"): a year of tickets
 * is a few thousand rollup rows instead of a million ticket rows. Statement triggers with transition
 * tables keep them current in the transaction of every write to `tickets`, `handoffs` and
 * `analytics_events` (the archive's batches, the ticket store, erasure, the purge): a row's old
 * contribution is taken away and its new one added, so a replayed record that changes no row
 * changes no rollup. Days, hours and SLA hits follow the one `analytics_rollup_settings` row (time
 * zone and targets, kept by `src/records/rollups.ts`); without it the triggers count nothing, and
 * `analytics_rollup_rebuild(from, to)` recomputes a range of days (both null: everything).
 */

/** Histogram buckets of seconds: 0 is [0, 1); k ≥ 1 is [2^((k−1)/4), 2^(k/4)); the last is open-ended. */
export const HISTOGRAM = { buckets: 101, perDoubling: 4 } as const;
const indices = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
export const HOUR_COLUMNS = indices(24).map((h) => `hour_${h}`);
export const CLOSE_COLUMNS = indices(HISTOGRAM.buckets).map((k) => `close_${k}`);
export const WAIT_COLUMNS = indices(HISTOGRAM.buckets).map((k) => `wait_${k}`);
export const RATING_COLUMNS = [1, 2, 3, 4, 5].map((r) => `rating_${r}`);

/** A change of distress smaller than this is "steady" (as the raw reader). */
const SHIFT = 0.15;
const ROLLUP_TABLES = [
  'rollup_ticket_days',
  'rollup_ticket_volume',
  'rollup_ticket_labels',
  'rollup_handoff_days',
  'rollup_handoff_rules',
  'rollup_deflection',
];

type Sign = 1 | -1;
const counts = (columns: readonly string[]): string =>
  columns.map((c) => `${c} integer NOT NULL DEFAULT 0`).join(', ');
/** The upsert tail: each listed column adds the incoming (signed) count. */
const addUp = (key: string, columns: readonly string[]): string =>
  `ON CONFLICT (${key}) DO UPDATE SET ${columns.map((c) => `${c} = r.${c} + excluded.${c}`).join(', ')}`;
const localDay = (column: string): string => `(${column} AT TIME ZONE s.time_zone)::date`;

const TICKET_DAY_COUNTS = [
  'tickets',
  'calmed',
  'steady',
  'worsened',
  'closed',
  ...HOUR_COLUMNS,
  ...CLOSE_COLUMNS,
];
/** Tickets (`source` rows, alias t) per day × channel × category: shift, hour, time-to-close histogram. */
function ticketDays(source: string, sign: Sign): string {
  const n = (filter: string) => `${sign} * count(*) FILTER (WHERE ${filter})`;
  return `INSERT INTO rollup_ticket_days AS r (day, channel, category, ${TICKET_DAY_COUNTS.join(', ')})
    SELECT x.day, x.channel, x.category, ${sign} * count(*),
      ${n(`x.shift < -${SHIFT}`)}, ${n(`x.shift BETWEEN -${SHIFT} AND ${SHIFT}`)}, ${n(`x.shift > ${SHIFT}`)},
      ${n('x.close IS NOT NULL')},
      ${indices(24)
        .map((h) => n(`x.hour = ${h}`))
        .join(', ')},
      ${indices(HISTOGRAM.buckets)
        .map((k) => n(`x.close = ${k}`))
        .join(', ')}
    FROM (SELECT ${localDay('t.created_at')} AS day, t.channel, t.category, t.distress_shift AS shift,
        extract(hour FROM t.created_at AT TIME ZONE s.time_zone)::int AS hour,
        CASE WHEN t.status IN ('resolved', 'closed')
          THEN analytics_bucket(extract(epoch FROM t.done_at - t.created_at)::float8) END AS close
      FROM ${source} t CROSS JOIN analytics_rollup_settings s) x
    GROUP BY 1, 2, 3
    ${addUp('day, channel, category', TICKET_DAY_COUNTS)}`;
}

function ticketVolume(source: string, sign: Sign): string {
  return `INSERT INTO rollup_ticket_volume AS r (day, channel, category, nature, severity, count)
    SELECT ${localDay('t.created_at')}, t.channel, t.category, t.nature, t.severity, ${sign} * count(*)
    FROM ${source} t CROSS JOIN analytics_rollup_settings s GROUP BY 1, 2, 3, 4, 5
    ${addUp('day, channel, category, nature, severity', ['count'])}`;
}

/** First emotion, place and people: the dimensions' top-N and emotion at contact. */
function ticketLabels(source: string, sign: Sign): string {
  return `INSERT INTO rollup_ticket_labels AS r (day, channel, category, kind, value, count)
    SELECT ${localDay('t.created_at')}, t.channel, t.category, l.kind, l.value, ${sign} * count(*)
    FROM ${source} t CROSS JOIN analytics_rollup_settings s
      CROSS JOIN LATERAL (VALUES ('emotion', t.first_emotion), ('place', t.place), ('people', t.people)) AS l (kind, value)
    WHERE l.value IS NOT NULL GROUP BY 1, 2, 3, 4, 5
    ${addUp('day, channel, category, kind, value', ['count'])}`;
}

const HANDOFF_DAY_COUNTS = [
  'handoffs',
  'claimed',
  'wait_in_sla',
  'closed',
  'resolved_in_sla',
  'rated',
  'rating_sum',
  ...RATING_COLUMNS,
  ...WAIT_COLUMNS,
];
/** Handoffs (alias h) per their ticket's day × channel × category: queue, SLA hits, CSAT, wait histogram. */
function handoffDays(source: string, sign: Sign): string {
  const n = (filter: string) => `${sign} * count(*) FILTER (WHERE ${filter})`;
  return `INSERT INTO rollup_handoff_days AS r (day, channel, category, ${HANDOFF_DAY_COUNTS.join(', ')})
    SELECT x.day, x.channel, x.category, ${sign} * count(*), ${n('x.wait IS NOT NULL')},
      ${n('x.wait <= x.target')}, ${n('x.resolve IS NOT NULL')}, ${n('x.resolve <= x.resolution')},
      ${sign} * count(x.rating), ${sign} * coalesce(sum(x.rating), 0),
      ${[1, 2, 3, 4, 5].map((r) => n(`x.rating = ${r}`)).join(', ')},
      ${indices(HISTOGRAM.buckets)
        .map((k) => n(`x.wait_bucket = ${k}`))
        .join(', ')}
    FROM (SELECT ${localDay('h.ticket_created_at')} AS day, coalesce(h.ticket_channel, '') AS channel,
        coalesce(h.ticket_category, '') AS category,
        extract(epoch FROM h.assigned_at - h.enqueued_at)::float8 AS wait,
        analytics_bucket(extract(epoch FROM h.assigned_at - h.enqueued_at)::float8) AS wait_bucket,
        extract(epoch FROM h.closed_at - h.enqueued_at)::float8 AS resolve,
        CASE h.ticket_severity WHEN 'P1' THEN s.first_response_p1 WHEN 'P2' THEN s.first_response_p2
          WHEN 'P3' THEN s.first_response_p3 ELSE s.first_response_p4 END AS target,
        s.resolution, h.rating
      FROM ${source} h CROSS JOIN analytics_rollup_settings s WHERE h.ticket_created_at IS NOT NULL) x
    GROUP BY 1, 2, 3
    ${addUp('day, channel, category', HANDOFF_DAY_COUNTS)}`;
}

function handoffRules(source: string, sign: Sign): string {
  return `INSERT INTO rollup_handoff_rules AS r (day, channel, category, rule, count)
    SELECT ${localDay('h.ticket_created_at')}, coalesce(h.ticket_channel, ''), coalesce(h.ticket_category, ''),
      coalesce(h.rule, 'unknown'), ${sign} * count(*)
    FROM ${source} h CROSS JOIN analytics_rollup_settings s WHERE h.ticket_created_at IS NOT NULL
    GROUP BY 1, 2, 3, 4
    ${addUp('day, channel, category, rule', ['count'])}`;
}

/**
 * FAQ answers and self-service (alias e) per day × channel ('' when none). `unhanded` keeps only
 * conversations no handoff followed; without it, the caller has chosen the conversations whose
 * first handoff just came (−1) or whose last one just left (+1).
 */
function deflection(source: string, sign: Sign, unhanded: boolean): string {
  const guard = unhanded
    ? 'AND NOT EXISTS (SELECT 1 FROM handoffs h WHERE h.conversation_id = e.conversation_id)'
    : '';
  return `INSERT INTO rollup_deflection AS r (day, channel, faq_answered, self_service)
    SELECT ${localDay('e.at')}, coalesce(e.channel, ''),
      ${sign} * count(*) FILTER (WHERE e.kind = 'faq_answered'), ${sign} * count(*) FILTER (WHERE e.kind = 'self_service')
    FROM ${source} e CROSS JOIN analytics_rollup_settings s
    WHERE e.kind IN ('faq_answered', 'self_service') ${guard}
    GROUP BY 1, 2
    ${addUp('day, channel', ['faq_answered', 'self_service'])}`;
}

const eventsOf = (conversations: string): string =>
  `(SELECT e.* FROM analytics_events e WHERE e.conversation_id IN (${conversations}))`;
/** Conversations whose first handoff is among new_rows. */
const FIRST_HANDED = eventsOf(`SELECT n.conversation_id FROM new_rows n WHERE NOT EXISTS (
  SELECT 1 FROM handoffs o WHERE o.conversation_id = n.conversation_id AND o.id NOT IN (SELECT id FROM new_rows))`);
/** Conversations left with no handoff after old_rows went. */
const LAST_GONE = eventsOf(`SELECT o.conversation_id FROM old_rows o WHERE NOT EXISTS (
  SELECT 1 FROM handoffs h WHERE h.conversation_id = o.conversation_id)`);

type Maintain = (source: string, sign: Sign) => string;
interface Maintained {
  table: string;
  rollups: Maintain[];
  /** The columns the rollups read: an update that changes none of them changes no rollup. */
  reads: string[];
  /** Extra work on insert and delete beyond the rollups (deflection follows handoffs). */
  onInsert?: string;
  onDelete?: string;
}
const MAINTAINED: Maintained[] = [
  {
    table: 'tickets',
    rollups: [ticketDays, ticketVolume, ticketLabels],
    reads: [
      'created_at',
      'channel',
      'category',
      'nature',
      'severity',
      'status',
      'first_emotion',
      'distress_shift',
      'place',
      'people',
      'done_at',
    ],
  },
  {
    table: 'handoffs',
    rollups: [handoffDays, handoffRules],
    reads: [
      'ticket_created_at',
      'ticket_channel',
      'ticket_category',
      'ticket_severity',
      'rule',
      'enqueued_at',
      'assigned_at',
      'closed_at',
      'rating',
    ],
    onInsert: deflection(FIRST_HANDED, -1, false),
    onDelete: deflection(LAST_GONE, 1, false),
  },
  {
    table: 'analytics_events',
    rollups: [(source, sign) => deflection(source, sign, true)],
    reads: ['at', 'kind', 'channel', 'conversation_id'],
  },
];

/**
 * A statement trigger's function. It returns at once when the statement touched no row that
 * matters (a replay, the ticket trigger's zero-row handoff update) or no settings exist yet.
 */
const plpgsql = (name: string, skip: string, body: readonly string[]): string =>
  `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF ${skip} OR NOT EXISTS (SELECT 1 FROM analytics_rollup_settings) THEN RETURN NULL; END IF;
    ${body.map((statement) => `${statement};`).join('\n    ')}
    RETURN NULL;
  END $$`;

function triggers({ table, rollups, reads, onInsert, onDelete }: Maintained): string[] {
  const add = rollups.map((f) => f('new_rows', 1));
  const remove = rollups.map((f) => f('old_rows', -1));
  const fn = (op: string) => `${table}_rollup_${op}`;
  const trigger = (op: 'insert' | 'update' | 'delete', referencing: string) =>
    `CREATE TRIGGER ${fn(op)} AFTER ${op.toUpperCase()} ON ${table} REFERENCING ${referencing}
      FOR EACH STATEMENT EXECUTE FUNCTION ${fn(op)}()`;
  const tuple = (alias: string) => `(${reads.map((c) => `${alias}.${c}`).join(', ')})`;
  const unchanged = `NOT EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE ${tuple('o')} IS DISTINCT FROM ${tuple('n')})`;
  return [
    plpgsql(fn('insert'), 'NOT EXISTS (SELECT 1 FROM new_rows)', [
      ...add,
      ...(onInsert === undefined ? [] : [onInsert]),
    ]),
    plpgsql(fn('update'), unchanged, [...remove, ...add]),
    plpgsql(fn('delete'), 'NOT EXISTS (SELECT 1 FROM old_rows)', [
      ...remove,
      ...(onDelete === undefined ? [] : [onDelete]),
    ]),
    trigger('insert', 'NEW TABLE AS new_rows'),
    trigger('update', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'),
    trigger('delete', 'OLD TABLE AS old_rows'),
  ];
}

/** `column` on a local day in [from_day, to_day] (either null: unbounded). */
const inRange = (column: string): string =>
  `(from_day IS NULL OR ${column} >= from_day::timestamp AT TIME ZONE tz)
    AND (to_day IS NULL OR ${column} < (to_day + 1)::timestamp AT TIME ZONE tz)`;

const REBUILD = `CREATE FUNCTION analytics_rollup_rebuild(from_day date, to_day date) RETURNS void LANGUAGE plpgsql AS $$
  DECLARE tz text;
  BEGIN
    SELECT time_zone INTO tz FROM analytics_rollup_settings;
    IF tz IS NULL THEN RAISE EXCEPTION 'analytics rollups have no settings yet'; END IF;
    -- Writers wait (readers do not) so that no fact lands between the delete and the recount.
    LOCK TABLE tickets, handoffs, analytics_events IN SHARE MODE;
    ${ROLLUP_TABLES.map((table) => `DELETE FROM ${table} WHERE (from_day IS NULL OR day >= from_day) AND (to_day IS NULL OR day <= to_day);`).join('\n    ')}
    ${[ticketDays, ticketVolume, ticketLabels]
      .map((f) => `${f(`(SELECT * FROM tickets WHERE ${inRange('created_at')})`, 1)};`)
      .join('\n    ')}
    ${[handoffDays, handoffRules]
      .map((f) => `${f(`(SELECT * FROM handoffs WHERE ${inRange('ticket_created_at')})`, 1)};`)
      .join('\n    ')}
    ${deflection(`(SELECT * FROM analytics_events WHERE ${inRange('at')})`, 1, true)};
  END $$`;

const UP = [
  `CREATE TABLE analytics_rollup_settings (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    time_zone text NOT NULL,
    first_response_p1 double precision NOT NULL,
    first_response_p2 double precision NOT NULL,
    first_response_p3 double precision NOT NULL,
    first_response_p4 double precision NOT NULL,
    resolution double precision NOT NULL,
    built_at timestamptz NOT NULL)`,
  `CREATE FUNCTION analytics_bucket(seconds double precision) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN seconds IS NULL THEN NULL WHEN seconds < 1 THEN 0
      ELSE least(1 + floor(${HISTOGRAM.perDoubling} * ln(seconds) / ln(2))::int, ${HISTOGRAM.buckets - 1}) END
  $$`,
  `CREATE TABLE rollup_ticket_days (day date NOT NULL, channel text NOT NULL, category text NOT NULL,
    ${counts(TICKET_DAY_COUNTS)}, PRIMARY KEY (day, channel, category))`,
  `CREATE TABLE rollup_ticket_volume (day date NOT NULL, channel text NOT NULL, category text NOT NULL,
    nature text NOT NULL, severity text NOT NULL, count integer NOT NULL,
    PRIMARY KEY (day, channel, category, nature, severity))`,
  `CREATE TABLE rollup_ticket_labels (day date NOT NULL, channel text NOT NULL, category text NOT NULL,
    kind text NOT NULL, value text NOT NULL, count integer NOT NULL,
    PRIMARY KEY (day, channel, category, kind, value))`,
  `CREATE INDEX rollup_ticket_labels_kind ON rollup_ticket_labels (kind, day) INCLUDE (channel, category, value, count)`,
  `CREATE TABLE rollup_handoff_days (day date NOT NULL, channel text NOT NULL, category text NOT NULL,
    ${counts(HANDOFF_DAY_COUNTS)}, PRIMARY KEY (day, channel, category))`,
  `CREATE TABLE rollup_handoff_rules (day date NOT NULL, channel text NOT NULL, category text NOT NULL,
    rule text NOT NULL, count integer NOT NULL, PRIMARY KEY (day, channel, category, rule))`,
  `CREATE TABLE rollup_deflection (day date NOT NULL, channel text NOT NULL,
    faq_answered integer NOT NULL, self_service integer NOT NULL, PRIMARY KEY (day, channel))`,
  // Unclaimed cases past their target are breaches that depend on the time of reading: raw rows.
  `CREATE INDEX handoffs_unclaimed ON handoffs (ticket_created_at)
    INCLUDE (ticket_channel, ticket_category, ticket_severity, enqueued_at)
    WHERE assigned_at IS NULL AND ticket_created_at IS NOT NULL`,
  ...MAINTAINED.flatMap(triggers),
  REBUILD,
];

const DOWN = [
  'DROP FUNCTION analytics_rollup_rebuild',
  ...MAINTAINED.flatMap(({ table }) =>
    ['insert', 'update', 'delete'].flatMap((op) => [
      `DROP TRIGGER ${table}_rollup_${op} ON ${table}`,
      `DROP FUNCTION ${table}_rollup_${op}`,
    ]),
  ),
  'DROP INDEX handoffs_unclaimed',
  ...ROLLUP_TABLES.map((table) => `DROP TABLE ${table}`),
  'DROP FUNCTION analytics_bucket',
  'DROP TABLE analytics_rollup_settings',
];

export const analytics0004 = statements(UP, DOWN);
