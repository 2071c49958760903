import { z } from 'zod';
import { SlotValues } from './analysis.js';
import { Category, Emotion, Language, Nature, RiskFlag, SlotName } from './taxonomy.js';

/** Lifecycle of DESIGN §1.6: open → in_progress → resolved | withdrawn → closed. */
export const TICKET_STATUSES = ['open', 'in_progress', 'resolved', 'withdrawn', 'closed'] as const;
export const TicketStatus = z.enum(TICKET_STATUSES);
export type TicketStatus = z.infer<typeof TicketStatus>;

const NEXT_STATUSES: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  open: ['in_progress', 'resolved', 'withdrawn'],
  in_progress: ['resolved', 'withdrawn'],
  resolved: ['closed'],
  withdrawn: ['closed'],
  closed: [],
};

/** Open tickets still accept supplements and can be withdrawn. */
export function isActive(status: TicketStatus): boolean {
  return status === 'open' || status === 'in_progress';
}

export const SEVERITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

/**
 * Readable ids: the filing day, a random Crockford base32 part and a check character
 * (`Q20261202-7KX3FC`); ids from the older daily counter (`Q20261125-0042`) still parse.
 */
export const TicketId = z.string().regex(/^Q\d{8}-(?:[0-9A-HJKMNP-TV-Z]{6}|\d{4,})$/);
/** Something in a customer's text that looks like a ticket number, in either form. */
export const TICKET_ID_PATTERN = /Q\d{8}[-\s]?(?:[0-9A-Z]{6}|\d{4,5})(?![0-9A-Z])/i;

export const EmotionPoint = z.object({
  emotion: Emotion,
  intensity: z.number().min(0).max(1),
  at: z.string(),
});
export type EmotionPoint = z.infer<typeof EmotionPoint>;

export const Supplement = z.object({ text: z.string(), at: z.string(), slots: SlotValues });
export type Supplement = z.infer<typeof Supplement>;

/** A complaint, or a commendation recorded from praise (issue 11): never counted as a complaint. */
export const TICKET_KINDS = ['complaint', 'commendation'] as const;
export const TicketKind = z.enum(TICKET_KINDS);
export type TicketKind = z.infer<typeof TicketKind>;

/** The customer's rating (1–5) and comment after a handled case. */
export const TicketFeedback = z.object({
  rating: z.number().int().min(1).max(5),
  comment: z.string().optional(),
  at: z.string(),
});
export type TicketFeedback = z.infer<typeof TicketFeedback>;

/** What the dialogs know when they file a ticket; the store adds id, status, version and timestamps. */
export const TicketDraft = z.object({
  /** Absent means a complaint (tickets filed before kinds existed). */
  kind: TicketKind.optional(),
  /** The conversation it was filed in: that conversation owns it (DESIGN §11). */
  conversationId: z.string().min(1),
  channel: z.string().min(1),
  /** The customer identity a channel verified (never one the customer typed); owns it on any channel. */
  customerId: z.string().min(1).optional(),
  lang: Language,
  category: Category,
  nature: Nature,
  severity: Severity,
  flags: z.array(RiskFlag),
  slots: SlotValues,
  /** Slots the customer said they do not know. */
  unknownSlots: z.array(SlotName),
  /** Required slots neither collected nor unknown (a handed-off ticket may be incomplete). */
  missingSlots: z.array(SlotName),
  emotions: z.array(EmotionPoint),
  handoffRule: z.string().optional(),
  createdAt: z.string(),
});
export type TicketDraft = z.infer<typeof TicketDraft>;

export const Ticket = TicketDraft.extend({
  id: TicketId,
  status: TicketStatus,
  statusHistory: z.array(z.object({ status: TicketStatus, at: z.string() })),
  supplements: z.array(Supplement),
  withdrawReason: z.string().optional(),
  feedback: TicketFeedback.optional(),
  updatedAt: z.string(),
  /** Optimistic-concurrency counter: each stored change increments it. */
  version: z.number().int().min(1),
});
export type Ticket = z.infer<typeof Ticket>;

/** Who made a change (an agent's username, `customer`, `system`); the system of record keeps it. */
const Actor = z.string().min(1).optional();

/** One change to a stored ticket; stores apply these atomically through `applyChange`. */
export const TicketChange = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('details'),
    at: z.string(),
    actor: Actor,
    details: TicketDraft.pick({
      category: true,
      nature: true,
      severity: true,
      flags: true,
      slots: true,
      unknownSlots: true,
      missingSlots: true,
      emotions: true,
      handoffRule: true,
    }).partial(),
  }),
  z.object({
    kind: z.literal('status'),
    at: z.string(),
    actor: Actor,
    status: TicketStatus,
    reason: z.string().optional(),
  }),
  z.object({
    kind: z.literal('supplement'),
    at: z.string(),
    actor: Actor,
    text: z.string(),
    slots: SlotValues,
  }),
  z.object({ kind: z.literal('feedback'), at: z.string(), actor: Actor, feedback: TicketFeedback }),
]);
export type TicketChange = z.infer<typeof TicketChange>;

export type ChangeResult =
  | { ok: true; ticket: Ticket }
  | { ok: false; reason: 'not_found' | 'invalid_transition' | 'inactive' };

/** Pure application of a change; both stores call it so their behaviour cannot drift. */
export function applyChange(ticket: Ticket, change: TicketChange): ChangeResult {
  const stamp = { updatedAt: change.at, version: ticket.version + 1 };
  switch (change.kind) {
    case 'details':
      return { ok: true, ticket: { ...ticket, ...definedOnly(change.details), ...stamp } };
    case 'status': {
      if (!NEXT_STATUSES[ticket.status].includes(change.status))
        return { ok: false, reason: 'invalid_transition' };
      const statusHistory = [...ticket.statusHistory, { status: change.status, at: change.at }];
      const withdrawReason = change.status === 'withdrawn' ? change.reason : ticket.withdrawReason;
      return {
        ok: true,
        ticket: { ...ticket, status: change.status, statusHistory, withdrawReason, ...stamp },
      };
    }
    case 'supplement': {
      if (!isActive(ticket.status)) return { ok: false, reason: 'inactive' };
      const supplements = [
        ...ticket.supplements,
        { text: change.text, at: change.at, slots: change.slots },
      ];
      const slots = { ...ticket.slots, ...change.slots };
      const given = (slot: SlotName): boolean => change.slots[slot] !== undefined;
      const missingSlots = ticket.missingSlots.filter((slot) => !given(slot));
      const unknownSlots = ticket.unknownSlots.filter((slot) => !given(slot));
      return {
        ok: true,
        ticket: { ...ticket, supplements, slots, missingSlots, unknownSlots, ...stamp },
      };
    }
    case 'feedback':
      return { ok: true, ticket: { ...ticket, feedback: change.feedback, ...stamp } };
  }
}

/** A new ticket from its draft, id and creation time. */
export function openTicket(id: string, draft: TicketDraft): Ticket {
  return {
    ...draft,
    id,
    status: 'open',
    statusHistory: [{ status: 'open', at: draft.createdAt }],
    supplements: [],
    updatedAt: draft.createdAt,
    version: 1,
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
