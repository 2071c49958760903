import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { IntakeTurn } from './intake-turn.js';
import { STAGES, StageDialog } from './stage.js';
import { supplementTicket } from './ticket-self-service.js';
import { escalatedCause, giveUrgentStep } from './urgent-step.js';

/**
 * After a handoff the bot stops interrogating: while the ticket is open, whatever the customer writes
 * is added to it and acknowledged — and a case that gets worse ("她有高血压") gets its first step at
 * once and goes to P1. Once the ticket is no longer open the assistant listens again.
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
    const cause = escalatedCause(turn);
    if (cause && (await giveUrgentStep(turn, cause))) {
      // The agent's case says the situation got worse: P1 with the new cause as its rule.
      await turn.deps.tickets.update(ticketId, {
        kind: 'details',
        at: turn.now.toISOString(),
        details: { handoffRule: `urgent:${cause}`, severity: 'P1' },
      });
      await turn.say.say('urgent_escalated', { act: 'inform', ticketId }, { ticketId });
      return Dialog.EndOfTurn;
    }
    await turn.say.say('handed_off_ack', { act: 'inform', ticketId }, { ticketId });
    return Dialog.EndOfTurn;
  }
}
