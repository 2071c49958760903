import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import { toMessage } from '../activity-message.js';
import { metaOf } from '../../dialogs/outgoing.js';
import type { Channel, ChannelAddress, OutboundMessage } from './channel.js';
import { SerialLanes } from './serial-lanes.js';

/** Where a platform adapter hands a turn's replies and typing indicators. */
export interface PlatformSink {
  /** Queues a turn's messages (already fitted and in the transcript) for the conversation's address. */
  messages(conversationId: string, messages: OutboundMessage[]): Promise<void>;
  typing(conversationId: string): Promise<void>;
}

/**
 * The botbuilder adapter every platform channel shares: turns run through the same middleware as the
 * web chat, one at a time per conversation; replies leave through the outbound queue, never inline,
 * so a slow or failing platform never holds a turn (or a webhook) open.
 */
export class PlatformAdapter extends BotAdapter {
  private readonly turns = new SerialLanes();

  constructor(
    readonly channel: Channel,
    private readonly sink: PlatformSink,
  ) {
    super();
  }

  processActivity(
    activity: Partial<Activity>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    return this.turns.run(activity.conversation?.id ?? '', () =>
      this.runMiddleware(new TurnContext(this, activity), logic),
    );
  }

  async sendActivities(
    context: TurnContext,
    activities: Partial<Activity>[],
  ): Promise<ResourceResponse[]> {
    const conversationId = context.activity.conversation.id;
    const outgoing: OutboundMessage[] = [];
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === ActivityTypes.Typing && this.channel.capabilities.typing) {
        await this.sink.typing(conversationId);
      }
      if (activity.type !== ActivityTypes.Message) {
        responses.push({ id: '' });
        continue;
      }
      const message = toMessage(activity, 'bot');
      const meta = metaOf(activity);
      outgoing.push({ id: message.id, text: message.text, ...(meta ? { meta } : {}) });
      responses.push({ id: message.id });
    }
    if (outgoing.length > 0) await this.sink.messages(conversationId, outgoing);
    return responses;
  }

  updateActivity(): Promise<void> {
    return Promise.reject(new Error(`${this.channel.id} cannot update a sent message`));
  }

  deleteActivity(): Promise<void> {
    return Promise.reject(new Error(`${this.channel.id} cannot delete a sent message`));
  }

  /** A proactive bot turn in a conversation (do not call it from inside a turn of the same one). */
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

/** The Activity a platform customer's event becomes (the same shape the web chat builds). */
export function customerActivity(
  conversationId: string,
  address: ChannelAddress,
  fields: Partial<Activity>,
): Partial<Activity> {
  return {
    channelId: address.channel,
    serviceUrl: '',
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: `${address.channel}:${address.user}`, name: 'customer', role: 'user' },
    recipient: { id: 'qingting', name: 'Qingting', role: 'bot' },
    timestamp: new Date(),
    ...fields,
  };
}
