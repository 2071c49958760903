import type { Transaction } from 'kysely';
import {
  Ticket,
  applyChange,
  openTicket,
  type ChangeResult,
  type TicketChange,
  type TicketDraft,
} from '../domain/ticket.js';
import { DEFAULT_TICKET_TIME_ZONE, newTicketId, ticketDay } from '../tickets/ticket-id.js';
import type { TicketStore } from '../tickets/ticket-store.port.js';
import type { RecordsDb } from './database.js';
import { normalisePhone } from './phone.js';
import type { NewTicketRow, RecordsSchema } from './schema.js';

const MAX_ATTEMPTS = 20;

/**
 * Tickets in PostgreSQL (PGlite embedded, the server in production). The ticket itself is one jsonb
 * document, validated on every read; the columns beside it exist for search and analytics. Each
 * change is an optimistic `UPDATE … WHERE version = n` plus a row in `ticket_events`, in one
 * transaction, so the history never misses a change and two writers never lose one.
 */
export class PgTicketStore implements TicketStore {
  constructor(
    private readonly db: RecordsDb,
    private readonly timeZone = DEFAULT_TICKET_TIME_ZONE,
    private readonly newId: (day: string) => string = newTicketId,
  ) {}

  /** Claims a fresh random id with the insert itself; a collision (1 in 32⁵ a day) draws again. */
  async create(draft: TicketDraft): Promise<Ticket> {
    const day = ticketDay(new Date(draft.createdAt), this.timeZone);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const ticket = openTicket(this.newId(day), draft);
      const created = await this.db.transaction().execute(async (tx) => {
        const inserted = await tx
          .insertInto('tickets')
          .values(ticketRow(ticket))
          .onConflict((oc) => oc.column('id').doNothing())
          .executeTakeFirst();
        if (inserted.numInsertedOrUpdatedRows !== 1n) return false;
        await recordEvent(tx, ticket, { kind: 'created', at: ticket.createdAt });
        return true;
      });
      if (created) return ticket;
    }
    throw new Error(`No free ticket id for ${day} after ${MAX_ATTEMPTS} draws`);
  }

  async get(id: string): Promise<Ticket | undefined> {
    const row = await this.db
      .selectFrom('tickets')
      .select('body')
      .where('id', '=', id.toUpperCase())
      .executeTakeFirst();
    return row === undefined ? undefined : Ticket.parse(row.body);
  }

  async listByConversation(conversationId: string): Promise<Ticket[]> {
    const rows = await this.db
      .selectFrom('tickets')
      .select('body')
      .where('conversation_id', '=', conversationId)
      .orderBy('seq')
      .execute();
    return rows.map((row) => Ticket.parse(row.body));
  }

  async update(id: string, change: TicketChange): Promise<ChangeResult> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const current = await this.get(id);
      if (!current) return { ok: false, reason: 'not_found' };
      const result = applyChange(current, change);
      if (!result.ok) return result;
      const written = await this.db.transaction().execute(async (tx) => {
        const { numUpdatedRows } = await tx
          .updateTable('tickets')
          .set(ticketRow(result.ticket))
          .where('id', '=', current.id)
          .where('version', '=', current.version)
          .executeTakeFirst();
        if (numUpdatedRows !== 1n) return false;
        await recordEvent(tx, result.ticket, change);
        return true;
      });
      if (written) return result;
    }
    throw new Error(`Ticket ${id} changed concurrently ${MAX_ATTEMPTS} times; giving up`);
  }
}

/** The searchable columns and the document, from one validated ticket. */
export function ticketRow(ticket: Ticket): NewTicketRow {
  const phone = ticket.slots.contact_phone?.value ?? ticket.slots.account?.value;
  return {
    id: ticket.id,
    conversation_id: ticket.conversationId,
    customer_id: ticket.customerId ?? null,
    channel: ticket.channel,
    lang: ticket.lang,
    category: ticket.category,
    nature: ticket.nature,
    severity: ticket.severity,
    status: ticket.status,
    phone: phone === undefined ? null : (normalisePhone(phone) ?? null),
    handoff_rule: ticket.handoffRule ?? null,
    created_at: ticket.createdAt,
    updated_at: ticket.updatedAt,
    version: ticket.version,
    body: JSON.stringify(ticket),
  };
}

type EventChange = TicketChange | { kind: 'created'; at: string; actor?: string };

async function recordEvent(
  tx: Transaction<RecordsSchema>,
  ticket: Ticket,
  change: EventChange,
): Promise<void> {
  const { kind, at, actor, ...detail } = change;
  await tx
    .insertInto('ticket_events')
    .values({
      ticket_id: ticket.id,
      at,
      kind,
      status: change.kind === 'status' ? change.status : change.kind === 'created' ? 'open' : null,
      actor: actor ?? null,
      detail: JSON.stringify(detail),
    })
    .execute();
}
