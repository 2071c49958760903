import type { SlotValues } from '../../../src/domain/analysis.js';
import type { Category, RiskFlag } from '../../../src/domain/taxonomy.js';
import type { Ticket } from '../../../src/domain/ticket.js';
import type { KnowledgeBase } from '../../../src/knowledge/knowledge.port.js';
import { MemoryTicketStore } from '../../../src/tickets/memory.ticket-store.js';
import type { Understanding } from '../../../src/understanding/understanding.port.js';
import { corpusClock, type CorpusDialogue } from '../../../test/corpus/corpus.schema.js';
import {
  IntakeHarness,
  RecordingHandoff,
  type BotReply,
} from '../../../test/support/intake-harness.js';

/** Minutes between two customer messages of a scripted dialogue. */
const TURN_GAP_MS = 60_000;

export interface PlayedTurn {
  customer: string;
  replies: BotReply[];
  /** Complaint tickets filed on this turn. */
  filed: Ticket[];
  /** Whether a human handoff was requested on this turn. */
  handedOff: boolean;
}

export interface Played {
  dialogue: CorpusDialogue;
  turns: PlayedTurn[];
  tickets: Ticket[];
  handoffs: RecordingHandoff['requests'];
  /**
   * The complaint's collected slots when the dialogue ends at a read-back still waiting for the
   * customer's yes (nothing is filed without one), so they can be judged where the script stops.
   */
  readBack?: { slots: SlotValues; flags: RiskFlag[]; category?: Category };
}

/**
 * Plays one scripted dialogue through the product's intake pipeline: the shipped flows and scripts,
 * the real offline understanding, the shipped knowledge base, a memory ticket store and a
 * recording handoff — each message stamped a minute after the last, from the dialogue's own clock.
 */
export async function play(
  dialogue: CorpusDialogue,
  understanding: Understanding,
  faq: KnowledgeBase,
): Promise<Played> {
  const { now, timeZone } = corpusClock(dialogue);
  const tickets = new MemoryTicketStore();
  const handoff = new RecordingHandoff({ state: 'queued', position: 2, etaSeconds: 240 });
  const chat = await IntakeHarness.create({
    understanding,
    faq,
    tickets,
    handoff,
    timeZone,
    conversationId: dialogue.id,
    clock: () => now,
  });
  const turns: PlayedTurn[] = [];
  for (const [index, turn] of dialogue.turns.entries()) {
    const before = (await tickets.listByConversation(dialogue.id)).map((t) => t.id);
    const requests = handoff.requests.length;
    const at = new Date(now.getTime() + index * TURN_GAP_MS);
    const replies = await chat.send(turn.customer, at);
    const after = await tickets.listByConversation(dialogue.id);
    turns.push({
      customer: turn.customer,
      replies,
      filed: after.filter((t) => !before.includes(t.id) && (t.kind ?? 'complaint') === 'complaint'),
      handedOff: handoff.requests.length > requests,
    });
  }
  const last = turns.at(-1);
  const readingBack =
    last !== undefined &&
    last.filed.length === 0 &&
    last.replies.some((r) => (r.meta.acts ?? [r.meta.act]).includes('confirm'));
  const complaint = readingBack ? (await chat.memory())?.complaint : undefined;
  const readBack = complaint && {
    slots: complaint.slots,
    flags: complaint.flags,
    ...(complaint.category ? { category: complaint.category } : {}),
  };
  return {
    dialogue,
    turns,
    tickets: await tickets.listByConversation(dialogue.id),
    handoffs: handoff.requests,
    ...(readBack ? { readBack } : {}),
  };
}
