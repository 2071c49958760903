import { statements } from './statements.js';

/**
 * A place or a person named in a ticket is personal data: when the ticket is erased, purged or
 * reclassified, its label row in `rollup_ticket_labels` must not stay behind at count 0. These
 * triggers, named to fire after 0004's (statement triggers fire in name order), drop the label rows
 * of the touched days, channels and categories that no ticket counts any more.
 */
const PRUNE = `CREATE FUNCTION tickets_rollup_prune() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $$
  BEGIN
    IF NOT EXISTS (SELECT 1 FROM old_rows) THEN RETURN NULL; END IF;
    DELETE FROM rollup_ticket_labels r
      USING (SELECT DISTINCT (o.created_at AT TIME ZONE s.time_zone)::date AS day, o.channel, o.category
        FROM old_rows o CROSS JOIN analytics_rollup_settings s) k
      WHERE r.day = k.day AND r.channel = k.channel AND r.category = k.category AND r.count <= 0;
    RETURN NULL;
  END $$`;

export const rollups0006 = statements(
  [
    PRUNE,
    ...['update', 'delete'].map(
      (op) => `CREATE TRIGGER tickets_rollup_${op}_prune AFTER ${op.toUpperCase()} ON tickets
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tickets_rollup_prune()`,
    ),
  ],
  [
    'DROP TRIGGER tickets_rollup_delete_prune ON tickets',
    'DROP TRIGGER tickets_rollup_update_prune ON tickets',
    'DROP FUNCTION tickets_rollup_prune',
  ],
);
