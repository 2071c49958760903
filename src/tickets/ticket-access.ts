import { z } from 'zod';
import type { Ticket } from '../domain/ticket.js';

/** How a customer proves a ticket filed elsewhere is theirs (env `TICKET_VERIFY`); `none`: they cannot. */
export const TICKET_VERIFY_MODES = ['phone_last4', 'none'] as const;
export const TicketVerifyMode = z.enum(TICKET_VERIFY_MODES);
export type TicketVerifyMode = z.infer<typeof TicketVerifyMode>;

/**
 * What a channel itself established about the sender of a turn. It travels in the turn's state under
 * `SENDER_FACTS_KEY`, never in the activity, so a client cannot forge it in the payload it sends.
 */
export const SenderFacts = z.object({
  /** The client's network address as the edge resolved it (behind trusted proxies only). */
  clientAddress: z.string().min(1).max(200).optional(),
  /** A customer identity the platform verified (e.g. a signed-in account), the same on every channel. */
  verifiedCustomerId: z.string().min(1).max(200).optional(),
});
export type SenderFacts = z.infer<typeof SenderFacts>;

/** The turn-state key (botbuilder `turnState`) under which a channel leaves its `SenderFacts`. */
export const SENDER_FACTS_KEY = Symbol.for('qingting.senderFacts');

/** Reads what a channel left under `SENDER_FACTS_KEY`; anything malformed counts as knowing nothing. */
export function readSenderFacts(raw: unknown): SenderFacts {
  const parsed = SenderFacts.safeParse(raw ?? {});
  return parsed.success ? parsed.data : {};
}

/** Who asks about a ticket, from the conversation and the channel's facts, never from their words. */
export interface Requester {
  conversationId: string;
  customerId?: string;
  clientAddress?: string;
  /** Tickets this conversation already proved it owns. */
  verified: readonly string[];
}

/** Filed in this conversation, by this verified customer, or already proven in this conversation. */
export function ownedBy(ticket: Ticket, requester: Requester): boolean {
  if (ticket.conversationId === requester.conversationId) return true;
  if (ticket.customerId !== undefined && ticket.customerId === requester.customerId) return true;
  return requester.verified.includes(ticket.id);
}

/** The four digits an answer offers: "5678", "尾号是5678", or a whole number typed out (its last four). */
export function lastFourIn(text: string): string | undefined {
  const run = /\d{4,}/.exec(text.normalize('NFKC'))?.[0];
  return run?.slice(-4);
}

/** Whether `digits` are the last four of the contact phone the ticket was filed with. */
export function provesOwnership(ticket: Ticket, digits: string): boolean {
  const phone = ticket.slots.contact_phone?.value.replace(/\D/g, '') ?? '';
  return phone.length >= 4 && digits.length === 4 && phone.endsWith(digits);
}
