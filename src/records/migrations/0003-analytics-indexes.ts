import { statements } from './statements.js';

/**
 * The dashboard over a year of tickets (scripts/bench/analytics.ts): the figures it read out of the
 * jsonb body of every ticket in range (first emotion, distress shift, place, people, when it was
 * first resolved) become stored generated columns, kept right by PostgreSQL on every write, and
 * covering indexes let each query read an index instead of the wide ticket rows. Handoffs carry a
 * copy of their ticket's date, channel, category and severity (kept by triggers), so the handoff
 * figures filter one table instead of joining a year of tickets.
 */
const UP = [
  // Distress of one emotion point: the intensity of anxious, sad or angry, else 0.
  `CREATE FUNCTION analytics_distress(point jsonb) RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN point->>'emotion' IN ('anxious', 'sad', 'angry') THEN (point->>'intensity')::float8 ELSE 0 END
  $$`,
  // Declared immutable though text → timestamptz is only stable: the history's times are ISO
  // strings with their offset, which read the same whatever the session's time zone.
  `CREATE FUNCTION analytics_first_done(history jsonb) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT min((s->>'at')::timestamptz) FROM jsonb_array_elements(history) s
    WHERE s->>'status' IN ('resolved', 'closed')
  $$`,
  `ALTER TABLE tickets
    ADD COLUMN first_emotion text GENERATED ALWAYS AS (body->'emotions'->0->>'emotion') STORED,
    ADD COLUMN distress_shift double precision GENERATED ALWAYS AS (CASE WHEN jsonb_array_length(body->'emotions') >= 2
      THEN analytics_distress(body->'emotions'->-1) - analytics_distress(body->'emotions'->0) END) STORED,
    ADD COLUMN place text GENERATED ALWAYS AS (body->'slots'->'place'->>'value') STORED,
    ADD COLUMN people text GENERATED ALWAYS AS (body->'slots'->'people'->>'value') STORED,
    ADD COLUMN done_at timestamptz GENERATED ALWAYS AS (analytics_first_done(body->'statusHistory')) STORED`,
  `CREATE INDEX tickets_analytics ON tickets (created_at)
    INCLUDE (channel, category, nature, severity, status, first_emotion, distress_shift, place, people, done_at)`,
  `ALTER TABLE handoffs ADD COLUMN ticket_created_at timestamptz, ADD COLUMN ticket_channel text,
    ADD COLUMN ticket_category text, ADD COLUMN ticket_severity text`,
  `UPDATE handoffs h SET ticket_created_at = t.created_at, ticket_channel = t.channel,
    ticket_category = t.category, ticket_severity = t.severity FROM tickets t WHERE t.id = h.ticket_id`,
  // A handoff takes its ticket's facts when written; a handoff archived before its ticket gets them
  // when the ticket arrives, and a reclassified ticket passes its new ones on.
  `CREATE FUNCTION handoffs_ticket_facts() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    SELECT t.created_at, t.channel, t.category, t.severity
      INTO NEW.ticket_created_at, NEW.ticket_channel, NEW.ticket_category, NEW.ticket_severity
      FROM tickets t WHERE t.id = NEW.ticket_id;
    RETURN NEW;
  END $$`,
  `CREATE TRIGGER handoffs_ticket_facts BEFORE INSERT OR UPDATE OF ticket_id ON handoffs
    FOR EACH ROW EXECUTE FUNCTION handoffs_ticket_facts()`,
  `CREATE FUNCTION tickets_to_handoffs() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE handoffs SET ticket_created_at = NEW.created_at, ticket_channel = NEW.channel,
      ticket_category = NEW.category, ticket_severity = NEW.severity
      WHERE ticket_id = NEW.id;
    RETURN NULL;
  END $$`,
  `CREATE TRIGGER tickets_to_handoffs_insert AFTER INSERT ON tickets
    FOR EACH ROW EXECUTE FUNCTION tickets_to_handoffs()`,
  `CREATE TRIGGER tickets_to_handoffs_update AFTER UPDATE ON tickets FOR EACH ROW
    WHEN (OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.channel IS DISTINCT FROM NEW.channel
      OR OLD.category IS DISTINCT FROM NEW.category OR OLD.severity IS DISTINCT FROM NEW.severity)
    EXECUTE FUNCTION tickets_to_handoffs()`,
  `CREATE INDEX handoffs_analytics ON handoffs (ticket_created_at)
    INCLUDE (ticket_channel, ticket_category, ticket_severity, rule, enqueued_at, assigned_at, closed_at, rating)
    WHERE ticket_created_at IS NOT NULL`,
  // FAQ misses group by their text: read from the index alone.
  `DROP INDEX analytics_events_kind_at`,
  `CREATE INDEX analytics_events_kind_at ON analytics_events (kind, at) INCLUDE (label)`,
];

const DOWN = [
  `DROP INDEX analytics_events_kind_at`,
  `CREATE INDEX analytics_events_kind_at ON analytics_events (kind, at)`,
  `DROP INDEX handoffs_analytics`,
  `DROP TRIGGER tickets_to_handoffs_update ON tickets`,
  `DROP TRIGGER tickets_to_handoffs_insert ON tickets`,
  `DROP FUNCTION tickets_to_handoffs`,
  `DROP TRIGGER handoffs_ticket_facts ON handoffs`,
  `DROP FUNCTION handoffs_ticket_facts`,
  `ALTER TABLE handoffs DROP COLUMN ticket_created_at, DROP COLUMN ticket_channel,
    DROP COLUMN ticket_category, DROP COLUMN ticket_severity`,
  `DROP INDEX tickets_analytics`,
  `ALTER TABLE tickets DROP COLUMN first_emotion, DROP COLUMN distress_shift, DROP COLUMN place,
    DROP COLUMN people, DROP COLUMN done_at`,
  `DROP FUNCTION analytics_first_done`,
  `DROP FUNCTION analytics_distress`,
];

export const analytics0003 = statements(UP, DOWN);
