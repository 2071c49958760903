import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { refuses, saidNo, saidYes } from './customer-answer.js';
import type { IntakeTurn } from './intake-turn.js';
import { actOf, familyOf } from './reading.js';
import { STAGES, StageDialog } from './stage.js';

/**
 * Venting (issue 11 §2): the customer is listened to and acknowledged, and offered a record once —
 * yes starts the intake from what they said, anything else leaves it unrecorded. Never a loop of
 * confirmations, never a ticket they did not ask for.
 */
export class VentOfferDialog extends StageDialog<{ story: string }> {
  constructor() {
    super(STAGES.ventOffer);
  }

  protected async onBegin(
    dc: DialogContext,
    turn: IntakeTurn,
    options?: { story: string },
  ): Promise<DialogTurnResult> {
    if (dc.activeDialog) dc.activeDialog.state = { story: options?.story ?? turn.text };
    const family = familyOf(turn.analysis);
    await turn.say.say('vent_listen', {
      act: 'empathize',
      ...(family === 'none' ? {} : { family }),
      suggestions: [...turn.say.choices().vent_choices],
    });
    return Dialog.EndOfTurn;
  }

  protected async onTurn(dc: DialogContext, turn: IntakeTurn): Promise<DialogTurnResult> {
    const [yes, no] = turn.say.choices().vent_choices;
    const kind = actOf(turn.analysis).kind;
    if (saidYes(turn, { yes, no })) {
      const story = (dc.activeDialog?.state as { story?: string } | undefined)?.story ?? '';
      const { complaint } = turn.memory;
      complaint.slots.event ??= { value: story.slice(0, 300), raw: story, confidence: 0.6 };
      complaint.category ??= turn.analysis.category;
      return this.finish(dc, { next: 'collect' });
    }
    if (
      saidNo(turn, { yes, no }) ||
      refuses(turn.text) ||
      kind === 'thanks' ||
      kind === 'goodbye' ||
      kind === 'venting'
    ) {
      await turn.say.say('vent_declined', { act: 'close' });
      return this.finish(dc, { next: 'idle' });
    }
    return this.finish(dc, { next: 'reroute' });
  }
}
