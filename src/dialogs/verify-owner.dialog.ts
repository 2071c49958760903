import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { z } from 'zod';
import { lastFourIn } from '../tickets/ticket-access.js';
import {
  answerRefused,
  guardOf,
  performTicketAction,
  rememberVerified,
  requesterOf,
  TicketRequest,
} from './guarded-ticket.js';
import type { IntakeTurn } from './intake-turn.js';
import { STAGES, StageDialog } from './stage.js';

const VerifyState = z.object({ ticketId: z.string(), request: TicketRequest });
type VerifyState = z.infer<typeof VerifyState>;

/**
 * "为了保护您的信息,请告诉我登记电话的后四位": one attempt per request, asked alike for unknown
 * numbers and other customers' tickets; right digits carry out the request, anything else is
 * answered as an unknown number. A reply with no digits is not an answer and is routed afresh.
 */
export class VerifyOwnerDialog extends StageDialog<VerifyState> {
  constructor() {
    super(STAGES.verifyOwner);
  }

  protected async onBegin(
    dc: DialogContext,
    turn: IntakeTurn,
    options?: VerifyState,
  ): Promise<DialogTurnResult> {
    const state = VerifyState.parse(options);
    Object.assign(stateOf(dc), state);
    await turn.say.say('verify_ask_phone_last4', { act: 'ask' }, { ticketId: state.ticketId });
    return Dialog.EndOfTurn;
  }

  protected async onTurn(dc: DialogContext, turn: IntakeTurn): Promise<DialogTurnResult> {
    const { ticketId, request } = VerifyState.parse(stateOf(dc));
    if (lastFourIn(turn.text) === undefined) return this.finish(dc, { next: 'reroute' });
    const access = await guardOf(turn.deps).prove(ticketId, requesterOf(turn), turn.text);
    if (access.kind !== 'granted') {
      await answerRefused(
        turn,
        access.kind === 'verify' ? { kind: 'not_found' } : access,
        ticketId,
      );
      return this.finish(dc, { next: 'idle' });
    }
    rememberVerified(turn, access.ticket.id);
    const begun = await performTicketAction(dc, turn, access.ticket, request);
    return begun ?? this.finish(dc, { next: 'idle' });
  }
}

function stateOf(dc: DialogContext): object {
  if (!dc.activeDialog) throw new Error('VerifyOwnerDialog used outside a dialog stack');
  return dc.activeDialog.state as object;
}
