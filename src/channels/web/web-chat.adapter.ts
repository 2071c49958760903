import { ActivityTypes, type Activity, type ResourceResponse, type TurnContext } from 'botbuilder';
import { toMessage } from '../activity-message.js';
import { SerialTurnAdapter } from '../core/serial-turn.adapter.js';
import type { WebChatOutbox } from './web-chat.outbox.js';

export const WEB_CHAT_CHANNEL = 'webchat';

/**
 * botbuilder adapter for the socket.io web chat: incoming customer events become Activities run
 * through the middleware pipeline, outgoing activities go to every tab of the conversation.
 * Turns of one conversation run one after another, so two tabs never race on its state.
 */
export class WebChatAdapter extends SerialTurnAdapter {
  constructor(private readonly outbox: WebChatOutbox) {
    super('web chat');
  }

  sendActivities(
    context: TurnContext,
    activities: Partial<Activity>[],
  ): Promise<ResourceResponse[]> {
    const conversationId = context.activity.conversation.id;
    const responses = activities.map((activity) => {
      if (activity.type === ActivityTypes.Typing) {
        this.outbox.typing(conversationId, 'bot');
        return { id: '' };
      }
      if (activity.type !== ActivityTypes.Message) return { id: '' };
      const message = toMessage(activity, 'bot');
      this.outbox.message(conversationId, message);
      return { id: message.id };
    });
    return Promise.resolve(responses);
  }
}
