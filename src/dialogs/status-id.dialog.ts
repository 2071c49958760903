import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { IntakeTurn } from './intake-turn.js';
import { STAGES, StageDialog } from './stage.js';
import { openTicket } from './guarded-ticket.js';
import { mentionedTicketId } from './ticket-self-service.js';

/** 查询进度 without a number: asks for the ticket number, then reads its status back. */
export class StatusIdDialog extends StageDialog {
  constructor() {
    super(STAGES.statusId);
  }

  protected async onBegin(_dc: DialogContext, turn: IntakeTurn): Promise<DialogTurnResult> {
    await turn.say.say('status_ask_id', { act: 'ask' });
    return Dialog.EndOfTurn;
  }

  protected async onTurn(dc: DialogContext, turn: IntakeTurn): Promise<DialogTurnResult> {
    const ticketId = mentionedTicketId(turn.text);
    if (!ticketId) return this.finish(dc, { next: 'reroute' });
    const begun = await openTicket(dc, turn, ticketId, { action: 'status' });
    return begun ?? this.finish(dc, { next: 'idle' });
  }
}
