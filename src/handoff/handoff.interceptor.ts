import type { CustomerTurn, TurnInterceptor } from '../bot/turn-interceptor.js';
import type { CustomerDelivery } from '../channels/customer-delivery.port.js';
import type { AgentNotifier } from './agent-events.js';
import { CUSTOMER_TEXT, parseSurvey } from './customer-text.js';
import type { Handoff, Survey } from './handoff.js';
import type { HandoffQueue } from './handoff-queue.port.js';

/**
 * The bot core's first interceptor: while a conversation is queued or owned by an agent, customer
 * messages go to the agents and the bot stays quiet; right after the agent closes, the customer's
 * next message answers the satisfaction survey. Otherwise the dialogs carry on.
 */
/** What the handoff service does with the customer's words: keep the case current, record feedback. */
export interface CaseHooks {
  customerWrote(handoff: Handoff, text: string, at: string): Promise<void>;
  surveyAnswered(handoff: Handoff, survey: Survey): Promise<'feedback' | 'complaint'>;
}

export class HandoffInterceptor implements TurnInterceptor {
  constructor(
    private readonly queue: HandoffQueue,
    private readonly notifier: AgentNotifier,
    private readonly delivery: CustomerDelivery,
    private readonly hooks?: CaseHooks,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  async intercept(turn: CustomerTurn): Promise<'handled' | 'continue'> {
    const handoff = await this.queue.latest(turn.conversationId);
    if (handoff === undefined) return 'continue';
    if (handoff.state !== 'closed') {
      this.forward(handoff, turn);
      return 'handled';
    }
    if (!handoff.surveyPending) return 'continue';
    return this.answerSurvey(handoff, turn);
  }

  private forward(handoff: Handoff, turn: CustomerTurn): void {
    const event = {
      handoffId: handoff.id,
      conversationId: handoff.conversationId,
      message: { id: turn.messageId, from: 'customer' as const, text: turn.text, at: turn.at },
    };
    if (handoff.state === 'assigned' && handoff.agent !== undefined)
      this.notifier.toAgent(handoff.agent, 'customer:message', event);
    else this.notifier.toAll('customer:message', event);
    // The case is merged after the message reached the agents; a failure never costs the message.
    this.hooks?.customerWrote(handoff, turn.text, turn.at).catch(this.onError);
  }

  /** A rating (with an optional comment) is recorded and thanked; anything else skips the survey. */
  private async answerSurvey(
    handoff: Handoff,
    turn: CustomerTurn,
  ): Promise<'handled' | 'continue'> {
    const answer = parseSurvey(turn.text);
    const survey = answer === undefined ? undefined : { ...answer, at: turn.at };
    const outcome = await this.queue.update(handoff.id, { kind: 'survey', survey });
    if (!outcome.ok || survey === undefined) return 'continue';
    const read = (await this.hooks?.surveyAnswered(handoff, survey)) ?? 'feedback';
    await this.delivery.send(handoff.conversationId, {
      from: 'bot',
      text: CUSTOMER_TEXT[handoff.lang].surveyThanks,
      meta: { act: 'close', ticketId: handoff.ticketId },
    });
    // A comment that is clearly a new complaint goes on to the dialogs, which take it up.
    return read === 'complaint' ? 'continue' : 'handled';
  }
}
