import type { Ticket } from '../domain/ticket.js';
import {
  lastFourIn,
  ownedBy,
  provesOwnership,
  type Requester,
  type TicketVerifyMode,
} from './ticket-access.js';
import type { TypedTicketNumber } from './ticket-id.js';
import { TicketLookupLimiter } from './ticket-lookup-limiter.js';
import type { TicketStore } from './ticket-store.port.js';

/**
 * What the chat may do with a ticket number. `verify` and `not_found` are given alike for unknown
 * numbers and for other customers' tickets, so the answers never tell the two apart.
 */
export type TicketAccess =
  | { kind: 'granted'; ticket: Ticket }
  | { kind: 'verify' }
  | { kind: 'not_found' }
  | { kind: 'invalid' }
  | { kind: 'limited'; retryAfterSeconds: number };

export interface TicketGuardOptions {
  tickets: TicketStore;
  limiter?: TicketLookupLimiter;
  verify?: TicketVerifyMode;
  /** Told of each ticket the chat is granted (the analytics count status lookups by it). */
  onGranted?: (ticket: Ticket) => void;
}

/** Decides whether a chat may read, supplement or withdraw a ticket (DESIGN §11). */
export class TicketGuard {
  private readonly tickets: TicketStore;
  private readonly limiter: TicketLookupLimiter;
  readonly verify: TicketVerifyMode;
  private readonly onGranted: (ticket: Ticket) => void;

  constructor(options: TicketGuardOptions) {
    this.tickets = options.tickets;
    this.onGranted = options.onGranted ?? (() => undefined);
    this.limiter = options.limiter ?? new TicketLookupLimiter();
    this.verify = options.verify ?? 'phone_last4';
  }

  /** A number the customer typed: their own ticket is granted; any other costs a lookup. */
  async open(number: TypedTicketNumber, requester: Requester): Promise<TicketAccess> {
    if (!number.valid) return { kind: 'invalid' };
    const ticket = await this.tickets.get(number.id);
    if (ticket && ownedBy(ticket, requester)) return this.grant(ticket);
    const wait = await this.limiter.take(requester);
    if (wait > 0) return { kind: 'limited', retryAfterSeconds: wait };
    return this.verify === 'none' ? { kind: 'not_found' } : { kind: 'verify' };
  }

  /** The customer's answer to "the last four digits of the contact phone"; each attempt costs a lookup. */
  async prove(ticketId: string, requester: Requester, answer: string): Promise<TicketAccess> {
    const wait = await this.limiter.take(requester);
    if (wait > 0) return { kind: 'limited', retryAfterSeconds: wait };
    const digits = lastFourIn(answer);
    const ticket = await this.tickets.get(ticketId);
    if (this.verify === 'none' || !ticket || !digits || !provesOwnership(ticket, digits))
      return { kind: 'not_found' };
    return this.grant(ticket);
  }

  private grant(ticket: Ticket): TicketAccess {
    this.onGranted(ticket);
    return { kind: 'granted', ticket };
  }
}
