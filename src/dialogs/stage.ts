import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { z } from 'zod';
import { intakeTurn, type IntakeTurn } from './intake-turn.js';

/** Dialog ids of the intake stages, registered in the root component. */
export const STAGES = {
  collect: 'intake.collect',
  confirm: 'intake.confirm',
  faqFeedback: 'intake.faq-feedback',
  withdraw: 'intake.withdraw',
  statusId: 'intake.status-id',
  handedOff: 'intake.handed-off',
  ventOffer: 'intake.vent-offer',
  verifyOwner: 'intake.verify-owner',
} as const;

/**
 * What a finished stage asks the root to do next: begin another stage, file the confirmed ticket,
 * go back to listening, or route this same message afresh (it was not meant for the stage).
 */
export const StageResult = z.discriminatedUnion('next', [
  z.object({ next: z.literal('collect'), lead: z.string().optional() }),
  z.object({ next: z.literal('confirm'), lead: z.string().optional() }),
  z.object({ next: z.enum(['file', 'idle', 'reroute']) }),
]);
export type StageResult = z.infer<typeof StageResult>;

/** A stage of the intake: one small dialog over the turn the root prepared. */
export abstract class StageDialog<O extends object = object> extends Dialog<O> {
  override beginDialog(dc: DialogContext, options?: O): Promise<DialogTurnResult> {
    return this.onBegin(dc, intakeTurn(dc.context), options);
  }

  override continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return this.onTurn(dc, intakeTurn(dc.context));
  }

  protected abstract onBegin(
    dc: DialogContext,
    turn: IntakeTurn,
    options?: O,
  ): Promise<DialogTurnResult>;

  protected abstract onTurn(dc: DialogContext, turn: IntakeTurn): Promise<DialogTurnResult>;

  protected finish(dc: DialogContext, result: StageResult): Promise<DialogTurnResult> {
    return dc.endDialog(result);
  }
}
