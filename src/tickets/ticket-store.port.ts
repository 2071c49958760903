import type { ChangeResult, Ticket, TicketChange, TicketDraft } from '../domain/ticket.js';

/** The ticket-store port: every complaint gets a ticket the customer and agents can find again. */
export interface TicketStore {
  /** Files a ticket with the next readable id of its creation day. */
  create(draft: TicketDraft): Promise<Ticket>;
  get(id: string): Promise<Ticket | undefined>;
  /** Tickets of one conversation, oldest first. */
  listByConversation(conversationId: string): Promise<Ticket[]>;
  /** Applies one change atomically; an unknown id or a forbidden transition is a value, not a throw. */
  update(id: string, change: TicketChange): Promise<ChangeResult>;
}
