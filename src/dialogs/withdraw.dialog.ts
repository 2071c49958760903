import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { IntakeTurn } from './intake-turn.js';
import { STAGES, StageDialog } from './stage.js';

interface WithdrawOptions {
  ticketId: string;
}

/** Longest withdraw reason kept on the ticket. */
const MAX_REASON = 200;
/**
 * A withdrawal this long says why as well ("快递在门卫那里，那个单子撤了吧", "it's just turned up,
 * please withdraw it"); a bare "我要撤诉" is asked for its reason.
 */
const SAYS_WHY: Readonly<Record<'zh' | 'en', (text: string) => boolean>> = {
  zh: (text) => (text.match(/\p{Script=Han}/gu) ?? []).length >= 12,
  en: (text) => text.split(/\s+/).filter((w) => /^\p{L}+(?:'\p{L}+)?\p{P}*$/u.test(w)).length >= 9,
};

function reasonGiven(turn: IntakeTurn): string | undefined {
  const text = turn.text.trim();
  return SAYS_WHY[turn.memory.lang](text) ? text.slice(0, MAX_REASON) : undefined;
}

/**
 * 撤诉 with a reason: offers seed 000's reasons as quick replies (or takes one already given) and
 * records it on the ticket; "no" keeps the ticket open.
 */
export class WithdrawDialog extends StageDialog<WithdrawOptions> {
  constructor() {
    super(STAGES.withdraw);
  }

  protected async onBegin(
    dc: DialogContext,
    turn: IntakeTurn,
    options?: WithdrawOptions,
  ): Promise<DialogTurnResult> {
    if (!options) throw new Error('WithdrawDialog needs a ticketId');
    Object.assign(stateOf(dc), options);
    const reasons = turn.say.choices().withdraw_reasons;
    const given = reasons.find((reason) => turn.text.includes(reason)) ?? reasonGiven(turn);
    if (given) return this.withdraw(dc, turn, options.ticketId, given);
    await turn.say.say(
      'withdraw_ask_reason',
      { act: 'ask', ticketId: options.ticketId, suggestions: [...reasons] },
      { ticketId: options.ticketId },
    );
    return Dialog.EndOfTurn;
  }

  protected async onTurn(dc: DialogContext, turn: IntakeTurn): Promise<DialogTurnResult> {
    const { ticketId } = stateOf(dc);
    if (turn.analysis.intent === 'deny') {
      await turn.say.say('withdraw_kept', { act: 'inform', ticketId }, { ticketId });
      return this.finish(dc, { next: 'idle' });
    }
    return this.withdraw(dc, turn, ticketId, turn.text.trim().slice(0, MAX_REASON));
  }

  private async withdraw(
    dc: DialogContext,
    turn: IntakeTurn,
    ticketId: string,
    reason: string,
  ): Promise<DialogTurnResult> {
    const result = await turn.deps.tickets.update(ticketId, {
      kind: 'status',
      status: 'withdrawn',
      reason,
      at: turn.now.toISOString(),
    });
    if (result.ok)
      await turn.say.say('withdraw_done', { act: 'inform', ticketId }, { ticketId, reason });
    else await turn.say.say('withdraw_nothing', { act: 'inform' });
    return this.finish(dc, { next: 'idle' });
  }
}

function stateOf(dc: DialogContext): WithdrawOptions {
  if (!dc.activeDialog) throw new Error('WithdrawDialog used outside a dialog stack');
  return dc.activeDialog.state as WithdrawOptions;
}
