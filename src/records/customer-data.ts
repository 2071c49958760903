import { z } from 'zod';
import { Message, MessageMeta } from '../domain/message.js';
import { Ticket } from '../domain/ticket.js';
import { Handoff } from '../handoff/handoff.js';
import { auditEntry } from './audit-entry.js';
import { auditRow } from './audit-log.js';
import type { RecordsDb } from './database.js';
import { normalisePhone } from './phone.js';
import { listItem, type TicketListItem } from './ticket-search.js';

/** Who a request is about: a phone (as the customer gave it), a verified identity, or one conversation. */
export const CustomerRef = z
  .object({
    phone: z.string().trim().min(3).max(32).optional(),
    customerId: z.string().min(1).max(200).optional(),
    conversationId: z.string().min(1).max(200).optional(),
  })
  .strict()
  .refine(
    (ref) =>
      [ref.phone, ref.customerId, ref.conversationId].filter((v) => v !== undefined).length === 1,
    {
      message: 'give exactly one of phone, customerId or conversationId',
    },
  );
export type CustomerRef = z.infer<typeof CustomerRef>;

export interface ConversationSummary {
  conversationId: string;
  channels: string[];
  messages: number;
  firstAt?: string;
  lastAt?: string;
}

export interface CustomerHistory {
  tickets: TicketListItem[];
  conversations: ConversationSummary[];
}

/** One customer's records across channels, found by phone or by one of their conversations (PIPL). */
export class CustomerData {
  constructor(private readonly db: RecordsDb) {}

  /** Earlier tickets (masked) and conversations, newest first. */
  async history(ref: CustomerRef): Promise<CustomerHistory> {
    const conversations = await this.conversationsOf(ref);
    if (conversations.length === 0) return { tickets: [], conversations: [] };
    const tickets = await this.ticketRows(conversations);
    const stats = await this.db
      .selectFrom('transcript_messages')
      .select((eb) => [
        'conversation_id',
        eb.fn.countAll<string>().as('messages'),
        eb.fn.min('at').as('first_at'),
        eb.fn.max('at').as('last_at'),
      ])
      .where('conversation_id', 'in', conversations)
      .groupBy('conversation_id')
      .execute();
    const byConversation = new Map(stats.map((s) => [s.conversation_id, s]));
    return {
      tickets: tickets.map((row) => listItem(Ticket.parse(row.body), row.phone)),
      conversations: conversations
        .map((conversationId) => {
          const stat = byConversation.get(conversationId);
          const channels = [
            ...new Set(
              tickets.filter((t) => t.conversation_id === conversationId).map((t) => t.channel),
            ),
          ];
          return {
            conversationId,
            channels,
            messages: Number(stat?.messages ?? 0),
            ...(stat === undefined
              ? {}
              : {
                  firstAt: new Date(stat.first_at).toISOString(),
                  lastAt: new Date(stat.last_at).toISOString(),
                }),
          };
        })
        .sort((a, b) => (b.lastAt ?? '').localeCompare(a.lastAt ?? '')),
    };
  }

  /** Everything held about the customer, as one JSON document (the right of access). */
  async export(ref: CustomerRef, actor: string): Promise<Record<string, unknown>> {
    const conversations = await this.conversationsOf(ref);
    const tickets = conversations.length === 0 ? [] : await this.ticketRows(conversations);
    const ticketIds = tickets.map((t) => t.id);
    const [events, messages, handoffs] =
      conversations.length === 0
        ? [[], [], []]
        : await Promise.all([
            ticketIds.length === 0
              ? []
              : this.db
                  .selectFrom('ticket_events')
                  .select(['ticket_id', 'at', 'kind', 'status', 'actor', 'detail'])
                  .where('ticket_id', 'in', ticketIds)
                  .orderBy('id')
                  .execute(),
            this.db
              .selectFrom('transcript_messages')
              .select(['conversation_id', 'message_id', 'sender', 'text', 'at', 'meta'])
              .where('conversation_id', 'in', conversations)
              .orderBy('at')
              .orderBy('seq')
              .execute(),
            this.db
              .selectFrom('handoffs')
              .select('body')
              .where('conversation_id', 'in', conversations)
              .execute(),
          ]);
    await this.audit(actor, 'customer.export', ref, {
      tickets: ticketIds.length,
      conversations: conversations.length,
    });
    return {
      subject: ref,
      exportedAt: new Date().toISOString(),
      tickets: tickets.map((row) => ({
        ...Ticket.parse(row.body),
        history: events
          .filter((e) => e.ticket_id === row.id)
          .map((e) => ({
            at: e.at.toISOString(),
            kind: e.kind,
            status: e.status,
            actor: e.actor,
            detail: e.detail,
          })),
      })),
      conversations: conversations.map((conversationId) => ({
        conversationId,
        messages: messages
          .filter((m) => m.conversation_id === conversationId)
          .map((m) =>
            Message.parse({
              id: m.message_id,
              from: m.sender,
              text: m.text,
              at: m.at.toISOString(),
              ...(m.meta === null ? {} : { meta: MessageMeta.parse(m.meta) }),
            }),
          ),
      })),
      handoffs: handoffs.map((h) => Handoff.parse(h.body)),
    };
  }

  /**
   * Erases the customer's tickets, transcripts, handoffs and analytics rows in one transaction,
   * and records who asked in the audit log (which keeps no personal data: counts and a phone suffix).
   */
  async erase(
    ref: CustomerRef,
    actor: string,
  ): Promise<{ tickets: number; conversations: number; messages: number }> {
    const conversations = await this.conversationsOf(ref);
    return this.db.transaction().execute(async (tx) => {
      const removed = { tickets: 0, conversations: conversations.length, messages: 0 };
      if (conversations.length > 0) {
        const ticketIds = (
          await tx
            .selectFrom('tickets')
            .select('id')
            .where('conversation_id', 'in', conversations)
            .execute()
        ).map((t) => t.id);
        if (ticketIds.length > 0)
          await tx.deleteFrom('follow_ups').where('ticket_id', 'in', ticketIds).execute();
        const messages = await tx
          .deleteFrom('transcript_messages')
          .where('conversation_id', 'in', conversations)
          .executeTakeFirst();
        await tx.deleteFrom('handoffs').where('conversation_id', 'in', conversations).execute();
        await tx
          .deleteFrom('analytics_events')
          .where('conversation_id', 'in', conversations)
          .execute();
        const tickets = await tx
          .deleteFrom('tickets')
          .where('conversation_id', 'in', conversations)
          .executeTakeFirst();
        removed.tickets = Number(tickets.numDeletedRows);
        removed.messages = Number(messages.numDeletedRows);
      }
      await tx
        .insertInto('audit_log')
        .values(
          auditRow(
            auditEntry({
              actor,
              action: 'customer.erase',
              targetKind: 'customer',
              targetId: describe(ref),
              detail: removed,
            }),
          ),
        )
        .execute();
      return removed;
    });
  }

  /**
   * The conversations the reference reaches: those whose tickets share its phone or verified
   * identity, and, one step further, the phones and identities on those tickets (the same customer
   * on another channel).
   */
  private async conversationsOf(ref: CustomerRef): Promise<string[]> {
    const phone = ref.phone === undefined ? undefined : normalisePhone(ref.phone);
    if (ref.phone !== undefined && phone === undefined) return [];
    let keys: Keys = {
      phones: phone === undefined ? [] : [phone],
      customers: ref.customerId === undefined ? [] : [ref.customerId],
      conversations: ref.conversationId === undefined ? [] : [ref.conversationId],
    };
    for (let step = 0; step < 2; step += 1) keys = await this.linked(keys);
    return keys.conversations;
  }

  private async linked(keys: Keys): Promise<Keys> {
    const rows = await this.db
      .selectFrom('tickets')
      .select(['conversation_id', 'phone', 'customer_id'])
      .where((eb) =>
        eb.or([
          ...(keys.phones.length > 0 ? [eb('phone', 'in', keys.phones)] : []),
          ...(keys.customers.length > 0 ? [eb('customer_id', 'in', keys.customers)] : []),
          ...(keys.conversations.length > 0
            ? [eb('conversation_id', 'in', keys.conversations)]
            : []),
        ]),
      )
      .execute();
    const union = (known: string[], found: (string | null)[]): string[] => [
      ...new Set([...known, ...found.flatMap((v) => (v === null ? [] : [v]))]),
    ];
    return {
      phones: union(
        keys.phones,
        rows.map((r) => r.phone),
      ),
      customers: union(
        keys.customers,
        rows.map((r) => r.customer_id),
      ),
      conversations: union(
        keys.conversations,
        rows.map((r) => r.conversation_id),
      ),
    };
  }

  private ticketRows(conversations: string[]) {
    return this.db
      .selectFrom('tickets')
      .select(['id', 'body', 'phone', 'channel', 'conversation_id'])
      .where('conversation_id', 'in', conversations)
      .orderBy('created_at', 'desc')
      .execute();
  }

  private async audit(
    actor: string,
    action: string,
    ref: CustomerRef,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values(
        auditRow(
          auditEntry({ actor, action, targetKind: 'customer', targetId: describe(ref), detail }),
        ),
      )
      .execute();
  }
}

interface Keys {
  phones: string[];
  customers: string[];
  conversations: string[];
}

/** The audit log names the subject without keeping the number: the last four digits only. */
function describe(ref: CustomerRef): string {
  if (ref.conversationId !== undefined) return `conversation:${ref.conversationId}`;
  if (ref.customerId !== undefined) return `customer:${ref.customerId}`;
  const phone = normalisePhone(ref.phone ?? '') ?? ref.phone ?? '';
  return `phone:…${phone.slice(-4)}`;
}
