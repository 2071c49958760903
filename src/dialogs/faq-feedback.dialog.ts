import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { saidNo, saidYes } from './customer-answer.js';
import type { IntakeTurn } from './intake-turn.js';
import { STAGES, StageDialog } from './stage.js';

/**
 * "Did this solve it?" after an FAQ answer: yes closes politely; no starts the intake with the
 * question recorded as what happened (the root has counted the failure, and hands off at the limit).
 */
export class FaqFeedbackDialog extends StageDialog {
  constructor() {
    super(STAGES.faqFeedback);
  }

  protected onBegin(): Promise<DialogTurnResult> {
    return Promise.resolve(Dialog.EndOfTurn);
  }

  protected async onTurn(dc: DialogContext, turn: IntakeTurn): Promise<DialogTurnResult> {
    const [yes, no] = turn.say.choices().faq_choices;
    if (saidYes(turn, { yes, no })) {
      turn.memory.faqFailures = 0;
      await turn.say.say('faq_solved', { act: 'close' });
      return this.finish(dc, { next: 'idle' });
    }
    if (!saidNo(turn, { yes, no })) return this.finish(dc, { next: 'reroute' });
    const { complaint, faqQuery } = turn.memory;
    if (faqQuery && !complaint.slots.event)
      complaint.slots.event = { value: faqQuery, raw: faqQuery, confidence: 0.6 };
    return this.finish(dc, { next: 'collect', lead: await turn.say.text('faq_unsolved') });
  }
}
