import type { SlotValues } from '../domain/analysis.js';
import { isActive, type Ticket } from '../domain/ticket.js';
import { typedTicketNumber } from '../tickets/ticket-id.js';
import { mobileStandIns } from './absorb-slots.js';
import type { IntakeTurn } from './intake-turn.js';
import { displayValue } from './restatement.js';

/** A ticket number mentioned in the message, in canonical form (a mistyped one too: the guard answers it). */
export function mentionedTicketId(text: string): string | undefined {
  return typedTicketNumber(text)?.id;
}

/** 查询进度: reads the status of a ticket the guard granted back to the customer. */
export async function answerStatus(turn: IntakeTurn, ticket: Ticket): Promise<void> {
  const ticketId = ticket.id;
  const status = turn.say.choices().status_labels[ticket.status];
  const createdAt = displayValue('time', ticket.createdAt, turn.timeZone);
  await turn.say.say('status', { act: 'inform', ticketId }, { ticketId, status, createdAt });
}

/**
 * Adds the message (or the request kept while ownership was proven) and its slots to an open ticket;
 * false when the ticket is not open. The story already on the ticket stays: the supplement's own
 * words are kept with the supplement. A mobile number fills the missing account or contact phone
 * too, as it does during the intake.
 */
export async function supplementTicket(
  turn: IntakeTurn,
  ticketId: string,
  content: { text: string; slots: SlotValues } = { text: turn.text, slots: turn.analysis.slots },
): Promise<boolean> {
  const given = { ...content.slots };
  delete given.event;
  const known = (await turn.deps.tickets.get(ticketId))?.slots ?? {};
  const slots = { ...given, ...mobileStandIns(given, known) };
  const result = await turn.deps.tickets.update(ticketId, {
    kind: 'supplement',
    at: turn.now.toISOString(),
    text: content.text,
    slots,
  });
  return result.ok;
}

/** The conversation's own ticket, if it is still open. */
export async function activeTicketId(turn: IntakeTurn): Promise<string | undefined> {
  const id = turn.memory.ticketId;
  if (!id) return undefined;
  const ticket = await turn.deps.tickets.get(id);
  return ticket && isActive(ticket.status) ? ticket.id : undefined;
}
