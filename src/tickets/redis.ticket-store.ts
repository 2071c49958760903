import type { RedisClientType } from 'redis';
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

/** Replaces the ticket only if nobody changed it since it was read (compare-and-set on `version`). */
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if not current then return -1 end
if cjson.decode(current).version ~= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
return 1`;

/** Files a ticket under a fresh id and indexes it by conversation in one step; 0 when the id is taken. */
const CLAIM_ID = `
if not redis.call('SET', KEYS[1], ARGV[1], 'NX') then return 0 end
redis.call('RPUSH', KEYS[2], ARGV[2])
return 1`;

const MAX_ATTEMPTS = 20;

export interface RedisTicketStoreOptions {
  client: RedisClientType;
  /** Key prefix, e.g. env REDIS_PREFIX. */
  prefix: string;
  timeZone?: string;
  /** A fresh random id for a day (default `newTicketId`); tests pin it to force collisions. */
  newId?: (day: string) => string;
}

/** Tickets in Redis: JSON per ticket under its random id (claimed with SET NX), a list per conversation. */
export class RedisTicketStore implements TicketStore {
  private readonly client: RedisClientType;
  private readonly prefix: string;
  private readonly timeZone: string;
  private readonly newId: (day: string) => string;

  constructor(options: RedisTicketStoreOptions) {
    this.client = options.client;
    this.prefix = options.prefix;
    this.timeZone = options.timeZone ?? DEFAULT_TICKET_TIME_ZONE;
    this.newId = options.newId ?? newTicketId;
  }

  async create(draft: TicketDraft): Promise<Ticket> {
    const day = ticketDay(new Date(draft.createdAt), this.timeZone);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const ticket = openTicket(this.newId(day), draft);
      const claimed = await this.client.eval(CLAIM_ID, {
        keys: [this.ticketKey(ticket.id), this.conversationKey(draft.conversationId)],
        arguments: [JSON.stringify(ticket), ticket.id],
      });
      if (claimed === 1) return ticket;
    }
    throw new Error(`No free ticket id for ${day} after ${MAX_ATTEMPTS} attempts`);
  }

  async get(id: string): Promise<Ticket | undefined> {
    const raw = await this.client.get(this.ticketKey(id.toUpperCase()));
    return raw === null ? undefined : Ticket.parse(JSON.parse(raw));
  }

  async listByConversation(conversationId: string): Promise<Ticket[]> {
    const ids = await this.client.lRange(this.conversationKey(conversationId), 0, -1);
    const tickets = await Promise.all(ids.map((id) => this.get(id)));
    return tickets.filter((t) => t !== undefined);
  }

  async update(id: string, change: TicketChange): Promise<ChangeResult> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const current = await this.get(id);
      if (!current) return { ok: false, reason: 'not_found' };
      const result = applyChange(current, change);
      if (!result.ok) return result;
      const outcome = await this.client.eval(COMPARE_AND_SET, {
        keys: [this.ticketKey(current.id)],
        arguments: [String(current.version), JSON.stringify(result.ticket)],
      });
      if (outcome === 1) return result;
      if (outcome === -1) return { ok: false, reason: 'not_found' };
    }
    throw new Error(`Ticket ${id} changed concurrently ${MAX_ATTEMPTS} times; giving up`);
  }

  private ticketKey(id: string): string {
    return `${this.prefix}ticket:${id}`;
  }

  private conversationKey(conversationId: string): string {
    return `${this.prefix}ticket-conv:${conversationId}`;
  }
}
