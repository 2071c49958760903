import { ActivityTypes, type Activity, type ResourceResponse, type TurnContext } from 'botbuilder';
import { toMessage } from '../activity-message.js';
import { metaOf } from '../../dialogs/outgoing.js';
import type { Channel, ChannelAddress, OutboundMessage } from './channel.js';
import { SerialTurnAdapter } from './serial-turn.adapter.js';

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
export class PlatformAdapter extends SerialTurnAdapter {
  constructor(
    readonly channel: Channel,
    private readonly sink: PlatformSink,
  ) {
    super(channel.id);
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
