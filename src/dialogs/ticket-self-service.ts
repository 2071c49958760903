import { TICKET_ID_PATTERN, isActive } from '../domain/ticket.js';
import type { IntakeTurn } from './intake-turn.js';
import { displayValue } from './restatement.js';

/** A ticket number mentioned in the message, normalised to upper case. */
export function mentionedTicketId(text: string): string | undefined {
  return TICKET_ID_PATTERN.exec(text)?.[0].toUpperCase();
}

/** 查询进度: reads the ticket's status back to the customer, or says it was not found. */
export async function answerStatus(turn: IntakeTurn, ticketId: string): Promise<void> {
  const ticket = await turn.deps.tickets.get(ticketId);
  if (!ticket) {
    await turn.say.say('status_not_found', { act: 'inform' }, { ticketId });
    return;
  }
  const status = turn.say.choices().status_labels[ticket.status];
  const createdAt = displayValue('time', ticket.createdAt, turn.timeZone);
  await turn.say.say('status', { act: 'inform', ticketId }, { ticketId, status, createdAt });
}

/**
 * Adds the message (and any slots in it) to an open ticket; false when the ticket is not open. The
 * story already on the ticket stays: the supplement's own words are kept with the supplement.
 */
export async function supplementTicket(turn: IntakeTurn, ticketId: string): Promise<boolean> {
  const slots = { ...turn.analysis.slots };
  delete slots.event;
  const result = await turn.deps.tickets.update(ticketId, {
    kind: 'supplement',
    at: turn.now.toISOString(),
    text: turn.text,
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
