import type { Message } from '../../domain/message.js';
import type { Language } from '../../domain/taxonomy.js';
import type { HandoffStatus } from '../customer-delivery.port.js';
import type { ChatMessageIn } from './wire.schema.js';

/**
 * The web-chat wire protocol (DESIGN §6), shared by the server and the widget (which imports
 * nothing else from the server, so this file stays free of runtime dependencies).
 */
export const CHAT_NAMESPACE = '/chat';

export const CHAT_ERRORS = [
  'invalid_payload',
  'empty',
  'too_long',
  'rate_limited',
  'unavailable',
] as const;
export type ChatError = (typeof CHAT_ERRORS)[number];

export type MessageAck = { ok: true; id: string } | { ok: false; error: ChatError };

export interface SessionPayload {
  sessionId: string;
  history: Message[];
}

export interface ServerToClientEvents {
  session: (payload: SessionPayload) => void;
  message: (message: Message) => void;
  typing: (payload: { from: 'bot' | 'agent' }) => void;
  handoff: (status: HandoffStatus) => void;
}

export interface ClientToServerEvents {
  message: (payload: ChatMessageIn, ack: (result: MessageAck) => void) => void;
  /** The customer is typing (the widget sends it at most every few seconds): shown in the agent console. */
  typing: () => void;
  /** The customer has seen the conversation up to this message (sent while the widget is visible). */
  read: (payload: { upTo: string }) => void;
}

/** What the server keeps on each socket after the handshake. */
export interface ChatSocketData {
  sessionId: string;
  conversationId: string;
  lang: Language | undefined;
  isNew: boolean;
  history: Message[];
  /** The client's address, handed to the bot as a sender fact (ticket-lookup limits). */
  clientAddress?: string;
}

/** The socket.io room holding every open tab of one conversation. */
export const roomOf = (conversationId: string): string => `conversation:${conversationId}`;
