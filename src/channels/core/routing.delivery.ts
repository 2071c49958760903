import type { Message, MessageMeta } from '../../domain/message.js';
import type { CustomerDelivery, HandoffStatus } from '../customer-delivery.port.js';
import type { ChannelRegistry } from './channel-registry.js';

/**
 * The app's one CustomerDelivery: a conversation that came in on a platform channel is answered on
 * that channel; every other conversation is a web-chat one.
 */
export class RoutingDelivery implements CustomerDelivery {
  constructor(
    private readonly channels: ChannelRegistry,
    private readonly webChat: CustomerDelivery,
  ) {}

  async send(
    conversationId: string,
    message: { from: 'bot' | 'agent' | 'system'; text: string; meta?: MessageMeta },
  ): Promise<Message> {
    const entry = await this.channels.conversation(conversationId);
    return entry ? this.channels.send(entry, message) : this.webChat.send(conversationId, message);
  }

  async notifyHandoff(conversationId: string, status: HandoffStatus): Promise<void> {
    const entry = await this.channels.conversation(conversationId);
    if (entry) await this.channels.notifyHandoff(entry, status);
    else await this.webChat.notifyHandoff(conversationId, status);
  }

  /** Platform channels show no agent typing; the widget does. */
  async agentTyping(conversationId: string): Promise<void> {
    if (await this.channels.conversation(conversationId)) return;
    await this.webChat.agentTyping?.(conversationId);
  }
}
