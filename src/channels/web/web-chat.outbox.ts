import type { Namespace } from 'socket.io';
import type { Message } from '../../domain/message.js';
import type { HandoffStatus } from '../customer-delivery.port.js';
import type { ChannelCapabilities } from '../capabilities.js';
import {
  roomOf,
  type ChatSocketData,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from './protocol.js';

export type ChatNamespace = Namespace<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  ChatSocketData
>;

/** What the web widget can show; over-long replies are split, nothing else needs degrading. */
export const WEB_CHAT_CAPABILITIES: ChannelCapabilities = {
  quickReplies: true,
  typing: true,
  maxTextLength: 4000,
};

/**
 * Emits to every open tab of a conversation (its room); with the Redis adapter the room spans
 * every instance, so a reply reaches tabs connected elsewhere.
 */
export class WebChatOutbox {
  constructor(private readonly chat: ChatNamespace) {}

  message(conversationId: string, message: Message): void {
    this.chat.to(roomOf(conversationId)).emit('message', message);
  }

  typing(conversationId: string, from: 'bot' | 'agent'): void {
    this.chat.to(roomOf(conversationId)).emit('typing', { from });
  }

  handoff(conversationId: string, status: HandoffStatus): void {
    this.chat.to(roomOf(conversationId)).emit('handoff', status);
  }
}
