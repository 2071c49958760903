import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { IntakeTurn } from './intake-turn.js';
import { STAGES, StageDialog } from './stage.js';
import { supplementTicket } from './ticket-self-service.js';

/**
 * After a handoff the bot stops interrogating: while the ticket is open, whatever the customer writes
 * is added to it and acknowledged. Once the ticket is no longer open the assistant listens again.
 */
export class HandedOffDialog extends StageDialog {
  constructor() {
    super(STAGES.handedOff);
  }

  protected onBegin(): Promise<DialogTurnResult> {
    return Promise.resolve(Dialog.EndOfTurn);
  }

  protected async onTurn(dc: DialogContext, turn: IntakeTurn): Promise<DialogTurnResult> {
    const ticketId = turn.memory.ticketId;
    if (!ticketId || !(await supplementTicket(turn, ticketId)))
      return this.finish(dc, { next: 'reroute' });
    await turn.say.say('handed_off_ack', { act: 'inform', ticketId }, { ticketId });
    return Dialog.EndOfTurn;
  }
}
