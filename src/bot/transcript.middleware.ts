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
    // The customer's line is written while the interceptors and the state read run; every reply
    // waits for it, and so does the end of the turn (the ack), so order and durability hold.
    const recorded = isMessage(incoming)
      ? this.transcript.append(conversationId, toMessage(incoming, 'customer'))
      : Promise.resolve();
    recorded.catch(() => undefined); // awaited below; a failure surfaces there, never unhandled
    context.onSendActivities(async (_context, activities, sendNext) => {
      await recorded;
      for (const activity of activities) {
        if (!isMessage(activity)) continue;
        await this.transcript.append(conversationId, toMessage(activity, 'bot'));
      }
      return sendNext();
    });
    await next();
    await recorded;
  }
}
