import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { SlotName } from '../domain/taxonomy.js';
import { flowOf, type IntakeTurn } from './intake-turn.js';
import { answerSlotIssue } from './repair.js';
import { STAGES, StageDialog } from './stage.js';

/** Questions per turn at most (DESIGN §1.3: one or two at a time). */
const MAX_ASKS_PER_TURN = 2;

/**
 * Required slots still to ask: not given, not unknown, never asked before. While anger alone is held
 * back from a handoff, the essentials an agent needs come first.
 */
function slotsToAsk(turn: IntakeTurn): SlotName[] {
  const { complaint } = turn.memory;
  const flow = flowOf(turn);
  const essentials = complaint.angerTurns > 0 ? flow.handoff.essentials : [];
  const order = [...new Set([...essentials, ...flow.required])];
  return order.filter(
    (slot) =>
      flow.questions[slot] !== undefined &&
      complaint.slots[slot] === undefined &&
      !complaint.unknown.includes(slot) &&
      !complaint.asked.includes(slot),
  );
}

/**
 * Collecting only what is missing: asks for at most two required slots a turn, each once, and hands
 * over to the restatement when nothing is left to ask. The root has already taken this message's slots.
 */
export class CollectDialog extends StageDialog<{ lead?: string }> {
  constructor() {
    super(STAGES.collect);
  }

  protected onBegin(
    dc: DialogContext,
    turn: IntakeTurn,
    options?: { lead?: string },
  ): Promise<DialogTurnResult> {
    return this.ask(dc, turn, options?.lead ?? '');
  }

  protected async onTurn(dc: DialogContext, turn: IntakeTurn): Promise<DialogTurnResult> {
    if (await answerSlotIssue(turn)) return Dialog.EndOfTurn;
    const absorbed = turn.absorbed;
    const again = absorbed?.reask[0];
    if (again !== undefined) return this.askAgain(turn, again);
    const lead =
      absorbed && absorbed.unknown.length > 0
        ? await turn.say.text('ack_unknown')
        : absorbed && absorbed.taken.length > 0
          ? await turn.say.text('ack_noted')
          : '';
    return this.ask(dc, turn, lead);
  }

  /**
   * The answer missed the question: ask it once more, owning the miss (seed 000's 被重视型, "I may
   * not have explained clearly") and in other words than the first time.
   */
  private async askAgain(turn: IntakeTurn, slot: SlotName): Promise<DialogTurnResult> {
    const flow = flowOf(turn);
    const asked = new Set(turn.memory.history.filter((h) => h.from === 'bot').map((h) => h.text));
    const wordings = flow.questions[slot]?.[turn.memory.lang] ?? [];
    const unsaid = wordings.filter((w) => ![...asked].some((text) => text.includes(w)));
    const question = unsaid[0] ?? turn.say.question(flow, slot);
    turn.memory.complaint.pending = [slot];
    await turn.say.send(turn.say.join(await turn.say.text('ask_again'), question), {
      act: 'ask',
      slot,
    });
    return Dialog.EndOfTurn;
  }

  private async ask(dc: DialogContext, turn: IntakeTurn, lead: string): Promise<DialogTurnResult> {
    const next = slotsToAsk(turn).slice(0, MAX_ASKS_PER_TURN);
    if (next.length === 0) return this.finish(dc, { next: 'confirm', lead });
    const { complaint } = turn.memory;
    complaint.asked = [...complaint.asked, ...next];
    complaint.pending = next;
    const flow = flowOf(turn);
    for (const [index, slot] of next.entries()) {
      const question = turn.say.question(flow, slot);
      await turn.say.send(index === 0 ? turn.say.join(lead, question) : question, {
        act: 'ask',
        slot,
      });
    }
    return Dialog.EndOfTurn;
  }
}
