import {
  Ticket,
  applyChange,
  openTicket,
  type ChangeResult,
  type TicketChange,
  type TicketDraft,
} from '../domain/ticket.js';
import { DEFAULT_TICKET_TIME_ZONE, newTicketId, ticketDay } from './ticket-id.js';
import type { TicketStore } from './ticket-store.port.js';

/** In-process tickets for embedded mode and tests; values round-trip through JSON like Redis. */
export class MemoryTicketStore implements TicketStore {
  private readonly tickets = new Map<string, string>();
  private readonly byConversation = new Map<string, string[]>();

  constructor(
    private readonly timeZone = DEFAULT_TICKET_TIME_ZONE,
    private readonly newId: (day: string) => string = newTicketId,
  ) {}

  create(draft: TicketDraft): Promise<Ticket> {
    const day = ticketDay(new Date(draft.createdAt), this.timeZone);
    let id = this.newId(day);
    while (this.tickets.has(id)) id = this.newId(day);
    const ticket = openTicket(id, draft);
    this.tickets.set(ticket.id, JSON.stringify(ticket));
    const ids = this.byConversation.get(draft.conversationId) ?? [];
    this.byConversation.set(draft.conversationId, [...ids, ticket.id]);
    return Promise.resolve(Ticket.parse(JSON.parse(JSON.stringify(ticket))));
  }

  get(id: string): Promise<Ticket | undefined> {
    return Promise.resolve(this.read(id));
  }

  listByConversation(conversationId: string): Promise<Ticket[]> {
    const ids = this.byConversation.get(conversationId) ?? [];
    return Promise.resolve(ids.map((id) => this.read(id)).filter((t) => t !== undefined));
  }

  update(id: string, change: TicketChange): Promise<ChangeResult> {
    const current = this.read(id);
    if (!current) return Promise.resolve({ ok: false, reason: 'not_found' });
    const result = applyChange(current, change);
    if (result.ok) this.tickets.set(id, JSON.stringify(result.ticket));
    return Promise.resolve(result);
  }

  private read(id: string): Ticket | undefined {
    const raw = this.tickets.get(id.toUpperCase());
    return raw === undefined ? undefined : Ticket.parse(JSON.parse(raw));
  }
}
