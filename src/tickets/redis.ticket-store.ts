import type { RedisClientType } from 'redis';
import {
  Ticket,
  applyChange,
  openTicket,
  type ChangeResult,
  type TicketChange,
  type TicketDraft,
} from '../domain/ticket.js';
import { DEFAULT_TICKET_TIME_ZONE, formatTicketId, ticketDay } from './ticket-id.js';
import type { TicketStore } from './ticket-store.port.js';

/** Replaces the ticket only if nobody changed it since it was read (compare-and-set on `version`). */
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if not current then return -1 end
if cjson.decode(current).version ~= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
return 1`;

const MAX_ATTEMPTS = 20;
/** Day counters outlive their day a little so late writers never restart a sequence. */
const COUNTER_TTL_SECONDS = 3 * 24 * 3600;

export interface RedisTicketStoreOptions {
  client: RedisClientType;
  /** Key prefix, e.g. env REDIS_PREFIX. */
  prefix: string;
  timeZone?: string;
}

/** Tickets in Redis: JSON per ticket, an atomic INCR counter per day, a list per conversation. */
export class RedisTicketStore implements TicketStore {
  private readonly client: RedisClientType;
  private readonly prefix: string;
  private readonly timeZone: string;

  constructor(options: RedisTicketStoreOptions) {
    this.client = options.client;
    this.prefix = options.prefix;
    this.timeZone = options.timeZone ?? DEFAULT_TICKET_TIME_ZONE;
  }

  async create(draft: TicketDraft): Promise<Ticket> {
    const day = ticketDay(new Date(draft.createdAt), this.timeZone);
    const counterKey = `${this.prefix}ticket-seq:${day}`;
    const sequence = await this.client.incr(counterKey);
    const ticket = openTicket(formatTicketId(day, sequence), draft);
    await this.client
      .multi()
      .expire(counterKey, COUNTER_TTL_SECONDS)
      .set(this.ticketKey(ticket.id), JSON.stringify(ticket))
      .rPush(this.conversationKey(draft.conversationId), ticket.id)
      .exec();
    return ticket;
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
