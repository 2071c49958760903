import type { Message } from '../domain/message.js';

/**
 * Every customer, bot, agent and system message of a conversation, in order: the source of
 * history replay, summaries and the agent console. Internal agent notes are not kept here.
 */
export interface TranscriptStore {
  /** Appends one message; appending the same message id twice keeps the first (idempotent retries). */
  append(conversationId: string, message: Message): Promise<void>;
  /** All messages of a conversation, oldest first; an unknown conversation has none. */
  list(conversationId: string): Promise<Message[]>;
}
