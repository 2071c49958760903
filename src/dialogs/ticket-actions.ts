import {
  isActive,
  SEVERITIES,
  type EmotionPoint,
  type Severity,
  type Ticket,
  type TicketDraft,
} from '../domain/ticket.js';
import type { Emotion } from '../domain/taxonomy.js';
import type { HandoffOutcome } from '../handoff/handoff-trigger.port.js';
import { waitMinutes } from '../handoff/queue-figures.js';
import { severityOf } from '../tickets/severity.js';
import { freshComplaint } from './intake-memory.js';
import { flowOf, type IntakeTurn } from './intake-turn.js';
import { displayValue } from './restatement.js';

/** The ticket as far as the complaint under way goes: required slots not collected are listed missing. */
export function draftOf(turn: IntakeTurn, handoffRule?: string): TicketDraft {
  const { complaint, emotions, lang } = turn.memory;
  const flow = flowOf(turn);
  const category = complaint.category ?? turn.analysis.category;
  const nature = complaint.nature ?? turn.analysis.nature;
  const peak = peakEmotion(emotions, turn);
  const customerId = turn.sender?.verifiedCustomerId;
  return {
    conversationId: turn.conversationId,
    channel: turn.channel,
    ...(customerId ? { customerId } : {}),
    lang,
    category,
    nature,
    severity: severityOf({ category, nature, flags: complaint.flags, ...peak }),
    flags: complaint.flags,
    slots: complaint.slots,
    unknownSlots: complaint.unknown,
    missingSlots: flow.required.filter(
      (slot) => !complaint.slots[slot] && !complaint.unknown.includes(slot),
    ),
    emotions,
    createdAt: turn.now.toISOString(),
    ...(handoffRule ? { handoffRule } : {}),
  };
}

/** The strongest non-neutral feeling of the conversation (this turn's if none was stronger). */
function peakEmotion(
  emotions: readonly EmotionPoint[],
  turn: IntakeTurn,
): { emotion: Emotion; intensity: number } {
  return emotions.reduce<{ emotion: Emotion; intensity: number }>(
    (worst, point) =>
      point.intensity > worst.intensity && point.emotion !== 'neutral' ? point : worst,
    { emotion: turn.analysis.emotion, intensity: turn.analysis.intensity },
  );
}

/**
 * Files the confirmed complaint and tells the customer the number and the policy's time limits. A
 * repeat complaint is told that earlier promises were not kept, is escalated (P1 at most one step
 * up) and hears what is different this time (issue 11 §5).
 */
export async function fileTicket(turn: IntakeTurn): Promise<Ticket> {
  const draft = draftOf(turn);
  const repeat = draft.flags.includes('repeat_complaint');
  const ticket = await turn.deps.tickets.create(
    repeat ? { ...draft, severity: escalated(draft.severity) } : draft,
  );
  const { policy } = flowOf(turn);
  turn.memory.ticketId = ticket.id;
  turn.memory.complaint = freshComplaint();
  const filed = repeat
    ? await turn.say.text('ticket_filed_repeat', {
        ticketId: ticket.id,
        hours: policy.escalatedResponseHours,
      })
    : await turn.say.text('ticket_filed', { ticketId: ticket.id, ...policy });
  const text = turn.say.join(filed, await turn.say.text('more_help'));
  await turn.say.send(text, { act: 'ticket', ticketId: ticket.id });
  return ticket;
}

/** One step more urgent: a repeat complaint is never handled at its first severity again. */
function escalated(severity: Severity): Severity {
  const index = SEVERITIES.indexOf(severity);
  return SEVERITIES[Math.max(0, index - 1)] ?? severity;
}

/** Praise is recorded as a commendation (its own kind of ticket), never as a complaint. */
export async function recordCommendation(turn: IntakeTurn): Promise<Ticket> {
  const draft = draftOf(turn);
  return turn.deps.tickets.create({
    ...draft,
    kind: 'commendation',
    category: turn.analysis.category,
    nature: 'communicative',
    severity: 'P4',
    slots: turn.analysis.slots,
    missingSlots: [],
    unknownSlots: [],
    flags: [],
  });
}

/**
 * Hands the conversation to a person: the complaint becomes (or updates) a ticket carrying the rule,
 * the handoff port queues it, and the customer learns the ticket number, position and wait.
 */
export async function handOff(turn: IntakeTurn, rule: string, severity?: Severity): Promise<void> {
  const ticketId = await ticketForHandoff(turn, rule, severity);
  turn.memory.handedOff = true;
  turn.memory.ticketId = ticketId;
  turn.memory.complaint = freshComplaint();
  turn.memory.faqFailures = 0;
  const outcome = await requestHandoff(turn, ticketId, rule);
  const meta = { act: 'handoff' as const, ticketId };
  if (!outcome) {
    const { policy } = flowOf(turn);
    await turn.say.say('handoff_unavailable', meta, { ticketId, ...policy });
  } else if (outcome.state === 'queued') {
    const minutes = waitMinutes(outcome.etaSeconds);
    await turn.say.say('handoff_queued', meta, { ticketId, position: outcome.position, minutes });
  } else {
    const contactAt = displayValue('time', outcome.contactAt, turn.timeZone);
    await turn.say.say('handoff_out_of_hours', meta, { ticketId, contactAt });
  }
}

async function ticketForHandoff(
  turn: IntakeTurn,
  rule: string,
  override?: Severity,
): Promise<string> {
  const drafted = draftOf(turn, rule);
  const draft = override ? { ...drafted, severity: override } : drafted;
  const open = turn.memory.ticketId ? await turn.deps.tickets.get(turn.memory.ticketId) : undefined;
  const hasNews = Object.keys(turn.memory.complaint.slots).length > 0;
  if (!open || !isActive(open.status) || hasNews) return (await turn.deps.tickets.create(draft)).id;
  // Escalating the open ticket: it keeps its story and gains this turn's flags and severity.
  const flags = [...new Set([...open.flags, ...draft.flags, ...turn.analysis.flags])];
  const peak = peakEmotion(draft.emotions, turn);
  const severity =
    override ?? severityOf({ category: open.category, nature: open.nature, flags, ...peak });
  await turn.deps.tickets.update(open.id, {
    kind: 'details',
    at: draft.createdAt,
    details: { handoffRule: rule, flags, emotions: draft.emotions, severity },
  });
  return open.id;
}

/** A failing handoff subsystem must not cost the customer their ticket: they are told it is filed. */
async function requestHandoff(
  turn: IntakeTurn,
  ticketId: string,
  rule: string,
): Promise<HandoffOutcome | undefined> {
  if (!turn.deps.handoff) return undefined;
  try {
    return await turn.deps.handoff.request({
      conversationId: turn.conversationId,
      ticketId,
      rule,
      lang: turn.memory.lang,
      channel: turn.channel,
    });
  } catch {
    return undefined;
  }
}
