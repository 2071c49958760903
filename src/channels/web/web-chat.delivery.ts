import { randomUUID } from 'node:crypto';
import type { Message, MessageMeta } from '../../domain/message.js';
import type { TranscriptStore } from '../../storage/transcript.port.js';
import { fitToChannel } from '../capabilities.js';
import type { CustomerDelivery, HandoffStatus } from '../customer-delivery.port.js';
import { WEB_CHAT_CAPABILITIES, type WebChatOutbox } from './web-chat.outbox.js';

/**
 * Proactive delivery to a web-chat conversation (agent replies, queue updates): fitted to the
 * channel, appended to the transcript first, then emitted to every tab on every instance.
 */
export class WebChatDelivery implements CustomerDelivery {
  constructor(
    private readonly outbox: WebChatOutbox,
    private readonly transcript: TranscriptStore,
  ) {}

  async send(
    conversationId: string,
    message: { from: 'bot' | 'agent' | 'system'; text: string; meta?: MessageMeta },
  ): Promise<Message> {
    const parts = fitToChannel(message, WEB_CHAT_CAPABILITIES);
    let last: Message | undefined;
    for (const part of parts) {
      last = {
        id: randomUUID(),
        from: message.from,
        text: part.text,
        at: new Date().toISOString(),
        ...(part.meta ? { meta: part.meta } : {}),
      };
      await this.transcript.append(conversationId, last);
      this.outbox.message(conversationId, last);
    }
    if (!last) throw new Error('fitToChannel returned no parts');
    return last;
  }

  agentTyping(conversationId: string): Promise<void> {
    this.outbox.typing(conversationId, 'agent');
    return Promise.resolve();
  }

  notifyHandoff(conversationId: string, status: HandoffStatus): Promise<void> {
    this.outbox.handoff(conversationId, status);
    return Promise.resolve();
  }
}
