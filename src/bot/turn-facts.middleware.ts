import type { Middleware, TurnContext } from 'botbuilder';
import { isMessage, toMessage } from '../channels/activity-message.js';

/** Where a turn's analytics facts gather (src/records `TurnFacts`); no botbuilder types. */
export interface TurnFactsScope {
  run<T>(scope: { conversationId: string; channel: string }, work: () => Promise<T>): Promise<T>;
  /** The bot told the customer about a ticket (`inform` with its number). */
  informed(ticketId: string): void;
}

/**
 * Opens the analytics scope around each customer message, so every fact the turn produces knows
 * its conversation and channel, and tells it which tickets the bot's answers were about.
 */
export class TurnFactsMiddleware implements Middleware {
  constructor(private readonly facts: TurnFactsScope) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    if (!isMessage(activity)) return next();
    const scope = { conversationId: activity.conversation.id, channel: activity.channelId };
    await this.facts.run(scope, async () => {
      context.onSendActivities((_context, activities, sendNext) => {
        for (const sent of activities) {
          const meta = isMessage(sent) ? toMessage(sent, 'bot').meta : undefined;
          if (meta?.act === 'inform' && meta.ticketId !== undefined)
            this.facts.informed(meta.ticketId);
        }
        return sendNext();
      });
      await next();
    });
  }
}
