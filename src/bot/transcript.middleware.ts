import type { Middleware, TurnContext } from 'botbuilder';
import type { TranscriptStore } from '../storage/transcript.port.js';
import { isMessage, toMessage } from '../channels/activity-message.js';

/**
 * Records every incoming customer message and every outgoing bot message of a turn, with its meta,
 * before the channel shows it — so history replay never misses a line the customer saw.
 */
export class TranscriptMiddleware implements Middleware {
  constructor(private readonly transcript: TranscriptStore) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const conversationId = context.activity.conversation.id;
    const incoming = context.activity;
    if (isMessage(incoming)) {
      await this.transcript.append(conversationId, toMessage(incoming, 'customer'));
    }
    context.onSendActivities(async (_context, activities, sendNext) => {
      for (const activity of activities) {
        if (!isMessage(activity)) continue;
        await this.transcript.append(conversationId, toMessage(activity, 'bot'));
      }
      return sendNext();
    });
    await next();
  }
}
