import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { saidNo, saidYes } from './customer-answer.js';
import { flowOf, type IntakeTurn } from './intake-turn.js';
import { answerSlotIssue } from './repair.js';
import { restatementOf } from './restatement.js';
import { STAGES, StageDialog } from './stage.js';

/**
 * 重述并确认: reads back what was understood; yes files the ticket, no asks what to correct, and a
 * message carrying new values (a correction) is read back again.
 */
export class ConfirmDialog extends StageDialog<{ lead?: string }> {
  constructor() {
    super(STAGES.confirm);
  }

  /** `lead` acknowledges the customer's last answer (e.g. "noted as unknown") before the read-back. */
  protected async onBegin(
    dc: DialogContext,
    turn: IntakeTurn,
    options?: { lead?: string },
  ): Promise<DialogTurnResult> {
    await restate(turn, options?.lead ?? '');
    return Dialog.EndOfTurn;
  }

  protected async onTurn(dc: DialogContext, turn: IntakeTurn): Promise<DialogTurnResult> {
    const [yes, no] = turn.say.choices().confirm_choices;
    if (await answerSlotIssue(turn)) return Dialog.EndOfTurn;
    if ((turn.absorbed?.taken.length ?? 0) > 0) {
      await restate(turn);
      return Dialog.EndOfTurn;
    }
    if (saidYes(turn, { yes, no })) return this.finish(dc, { next: 'file' });
    if (saidNo(turn, { yes, no })) {
      await turn.say.say('ask_correction', { act: 'ask' });
      return Dialog.EndOfTurn;
    }
    await restate(turn);
    return Dialog.EndOfTurn;
  }
}

/** Reads the complaint back in a sentence or two and asks "我理解得对吗?" with quick replies. */
export async function restate(turn: IntakeTurn, lead = ''): Promise<void> {
  const { complaint, lang } = turn.memory;
  // What the read-back still lacks is what a reply to it may carry ("call me on …").
  complaint.pending = flowOf(turn).required.filter(
    (slot) => complaint.slots[slot] === undefined && !complaint.unknown.includes(slot),
  );
  const choices = turn.say.choices();
  const items = restatementOf({
    category: complaint.category ?? flowOf(turn).category,
    slots: complaint.slots,
    amounts: complaint.amounts,
    unknown: complaint.unknown,
    lang,
    timeZone: turn.timeZone,
    now: turn.now,
    choices,
  });
  const readBack = await turn.say.text('restate', { items });
  await turn.say.send(turn.say.join(lead, readBack), {
    act: 'confirm',
    suggestions: [...choices.confirm_choices],
  });
}
