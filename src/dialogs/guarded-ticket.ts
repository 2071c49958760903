import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { z } from 'zod';
import { SlotValues } from '../domain/analysis.js';
import type { Ticket } from '../domain/ticket.js';
import type { Requester } from '../tickets/ticket-access.js';
import { TicketGuard, type TicketAccess } from '../tickets/ticket-guard.js';
import { typedTicketNumber } from '../tickets/ticket-id.js';
import type { IntakeDeps, IntakeTurn } from './intake-turn.js';
import { STAGES } from './stage.js';
import { answerStatus, supplementTicket } from './ticket-self-service.js';

/** What the customer wants done with a ticket; kept in dialog state while ownership is proven. */
export const TicketRequest = z.discriminatedUnion('action', [
  z.object({ action: z.literal('status') }),
  z.object({ action: z.literal('withdraw') }),
  z.object({ action: z.literal('supplement'), text: z.string(), slots: SlotValues }),
]);
export type TicketRequest = z.infer<typeof TicketRequest>;

/** Tickets a conversation remembers having proven, so it is not asked twice (state stays small). */
const MAX_VERIFIED = 20;

const defaultGuards = new WeakMap<IntakeDeps, TicketGuard>();

/** The configured guard, or (tests, tools) one with the safe defaults over the same ticket store. */
export function guardOf(deps: IntakeDeps): TicketGuard {
  if (deps.ticketGuard) return deps.ticketGuard;
  let guard = defaultGuards.get(deps);
  if (!guard) {
    guard = new TicketGuard({ tickets: deps.tickets });
    defaultGuards.set(deps, guard);
  }
  return guard;
}

/** This conversation plus what its channel established about the sender; never the customer's words. */
export function requesterOf(turn: IntakeTurn): Requester {
  const { clientAddress, verifiedCustomerId } = turn.sender ?? {};
  return {
    conversationId: turn.conversationId,
    verified: turn.memory.verifiedTickets ?? [],
    ...(clientAddress ? { clientAddress } : {}),
    ...(verifiedCustomerId ? { customerId: verifiedCustomerId } : {}),
  };
}

/**
 * Acts on a ticket number only if the guard grants it; otherwise asks for the proof or answers
 * exactly as for an unknown number. A DialogTurnResult when a stage was begun (proof, withdraw).
 */
export async function openTicket(
  dc: DialogContext,
  turn: IntakeTurn,
  ticketId: string,
  request: TicketRequest,
): Promise<DialogTurnResult | undefined> {
  const number = typedTicketNumber(ticketId) ?? { id: ticketId, valid: false };
  const access = await guardOf(turn.deps).open(number, requesterOf(turn));
  if (access.kind === 'granted') return performTicketAction(dc, turn, access.ticket, request);
  if (access.kind === 'verify')
    return startStage(dc, STAGES.verifyOwner, { ticketId: number.id, request });
  await answerRefused(turn, access, number.id);
  return undefined;
}

/** Does what the customer asked with a ticket that is theirs. */
export async function performTicketAction(
  dc: DialogContext,
  turn: IntakeTurn,
  ticket: Ticket,
  request: TicketRequest,
): Promise<DialogTurnResult | undefined> {
  if (request.action === 'withdraw')
    return startStage(dc, STAGES.withdraw, { ticketId: ticket.id });
  if (request.action === 'supplement' && (await supplementTicket(turn, ticket.id, request))) {
    await turn.say.say(
      'supplement_done',
      { act: 'inform', ticketId: ticket.id },
      { ticketId: ticket.id },
    );
    return undefined;
  }
  // A status question, or a supplement to a ticket no longer open: its status says why.
  await answerStatus(turn, ticket);
  return undefined;
}

/** Remembers a ticket this conversation proved it owns. */
export function rememberVerified(turn: IntakeTurn, ticketId: string): void {
  const verified = (turn.memory.verifiedTickets ?? []).filter((id) => id !== ticketId);
  turn.memory.verifiedTickets = [...verified, ticketId].slice(-MAX_VERIFIED);
}

/** One answer per refusal; `not_found` is word for word what an unknown number gets. */
export async function answerRefused(
  turn: IntakeTurn,
  access: Exclude<TicketAccess, { kind: 'granted' } | { kind: 'verify' }>,
  ticketId: string,
): Promise<void> {
  if (access.kind === 'limited') {
    const minutes = Math.max(1, Math.ceil(access.retryAfterSeconds / 60));
    await turn.say.say('ticket_lookup_limited', { act: 'inform' }, { minutes });
  } else if (access.kind === 'invalid') {
    await turn.say.say('ticket_id_invalid', { act: 'inform' }, { ticketId });
  } else {
    await turn.say.say('status_not_found', { act: 'inform' }, { ticketId });
  }
}

/** Self-service stages replace one another; from listening or a collection they stack on top. */
const SELF_SERVICE: readonly string[] = [STAGES.statusId, STAGES.verifyOwner];

function startStage(dc: DialogContext, id: string, options: object): Promise<DialogTurnResult> {
  const active = dc.activeDialog?.id;
  return active !== undefined && SELF_SERVICE.includes(active)
    ? dc.replaceDialog(id, options)
    : dc.beginDialog(id, options);
}
