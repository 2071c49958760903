import { z } from 'zod';
import { Ticket, TicketStatus } from '../domain/ticket.js';
import { typedTicketNumber } from '../tickets/ticket-id.js';
import { Category } from '../domain/taxonomy.js';
import type { RecordsDb } from './database.js';
import { maskPhone, normalisePhone } from './phone.js';

/** `GET /api/agent/search` query: every field optional, combined with AND; newest first. */
export const TicketQuery = z
  .object({
    /** A ticket number or a phone number, in any usual spelling. */
    q: z.string().trim().min(1).max(64).optional(),
    status: TicketStatus.optional(),
    category: Category.optional(),
    channel: z.string().min(1).max(32).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    /** The `next` of the previous page. */
    before: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type TicketQuery = z.infer<typeof TicketQuery>;

/** A row of a ticket list: enough to choose one; the phone masked (PIPL), never the transcript. */
export interface TicketListItem {
  id: string;
  status: string;
  category: string;
  nature: string;
  severity: string;
  channel: string;
  conversationId: string;
  phone?: string;
  event?: string;
  createdAt: string;
  updatedAt: string;
}

export class QueryError extends Error {
  override name = 'QueryError';
}

/** What `q` names: a ticket, a phone, or neither (a clear 400, not a slow scan). */
function resolveTerm(q: string): { id: string } | { phone: string } {
  const typed = typedTicketNumber(q);
  if (typed !== undefined) return { id: typed.id };
  const phone = normalisePhone(q);
  if (phone !== undefined) return { phone };
  throw new QueryError('q must be a ticket number (Q20261202-7KX3FC) or a phone number');
}

/** Ticket search for agents and admins over the indexed columns of `tickets`. */
export class TicketSearch {
  constructor(private readonly db: RecordsDb) {}

  async search(query: TicketQuery): Promise<{ items: TicketListItem[]; next?: string }> {
    const term = query.q === undefined ? undefined : resolveTerm(query.q);
    let select = this.db.selectFrom('tickets').select(['body', 'phone', 'created_at']);
    if (term !== undefined && 'id' in term) select = select.where('id', '=', term.id);
    if (term !== undefined && 'phone' in term) select = select.where('phone', '=', term.phone);
    if (query.status !== undefined) select = select.where('status', '=', query.status);
    if (query.category !== undefined) select = select.where('category', '=', query.category);
    if (query.channel !== undefined) select = select.where('channel', '=', query.channel);
    if (query.from !== undefined) select = select.where('created_at', '>=', new Date(query.from));
    if (query.to !== undefined) select = select.where('created_at', '<', new Date(query.to));
    if (query.before !== undefined)
      select = select.where('created_at', '<', new Date(query.before));
    const rows = await select
      .orderBy('created_at', 'desc')
      .limit(query.limit + 1)
      .execute();
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => listItem(Ticket.parse(row.body), row.phone)),
      ...(rows.length > query.limit && last !== undefined
        ? { next: last.created_at.toISOString() }
        : {}),
    };
  }
}

export function listItem(ticket: Ticket, phone: string | null): TicketListItem {
  const event = ticket.slots.event?.value;
  return {
    id: ticket.id,
    status: ticket.status,
    category: ticket.category,
    nature: ticket.nature,
    severity: ticket.severity,
    channel: ticket.channel,
    conversationId: ticket.conversationId,
    ...(phone === null ? {} : { phone: maskPhone(phone) }),
    ...(event === undefined ? {} : { event: event.slice(0, 120) }),
    createdAt: ticket.createdAt,
    updatedAt: ticket.updatedAt,
  };
}
