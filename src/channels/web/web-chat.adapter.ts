import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import { toMessage } from '../activity-message.js';
import type { WebChatOutbox } from './web-chat.outbox.js';

export const WEB_CHAT_CHANNEL = 'webchat';

/**
 * botbuilder adapter for the socket.io web chat: incoming customer events become Activities run
 * through the middleware pipeline, outgoing activities go to every tab of the conversation.
 * Turns of one conversation run one after another, so two tabs never race on its state.
 */
export class WebChatAdapter extends BotAdapter {
  private readonly running = new Map<string, Promise<void>>();

  constructor(private readonly outbox: WebChatOutbox) {
    super();
  }

  /** Runs one turn for an activity built by the web-chat gateway, after earlier turns of its conversation. */
  processActivity(
    activity: Partial<Activity>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const conversationId = activity.conversation?.id ?? '';
    const previous = this.running.get(conversationId) ?? Promise.resolve();
    const turn = previous.then(() => this.runMiddleware(new TurnContext(this, activity), logic));
    const settled = turn.then(
      () => undefined,
      () => undefined,
    );
    this.running.set(conversationId, settled);
    void settled.then(() => {
      if (this.running.get(conversationId) === settled) this.running.delete(conversationId);
    });
    return turn;
  }

  /** Resolves once every turn of the conversation started so far has finished (or failed). */
  settled(conversationId: string): Promise<void> {
    return this.running.get(conversationId) ?? Promise.resolve();
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

  updateActivity(): Promise<void> {
    return Promise.reject(new Error('web chat cannot update a sent message'));
  }

  deleteActivity(): Promise<void> {
    return Promise.reject(new Error('web chat cannot delete a sent message'));
  }

  /** Runs a proactive bot turn in a conversation, e.g. to resume the assistant after an agent closes. */
  continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const activity = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: 'continueConversation' },
      reference,
      true,
    );
    return this.processActivity(activity, logic);
  }
}
