import type { Language } from '../domain/taxonomy.js';

/** One customer message as interceptors see it: no botbuilder types, so handoff code stays channel-free. */
export interface CustomerTurn {
  conversationId: string;
  /** Id of the customer's message in the transcript. */
  messageId: string;
  text: string;
  /** Channel id, e.g. `webchat`. */
  channel: string;
  /** ISO-8601 time the message arrived. */
  at: string;
  lang?: Language;
}

/**
 * Runs before the dialogs on every customer message, in order. `handled` ends the turn there and the
 * dialogs never see the message (e.g. an agent owns the conversation: forward it and keep the bot
 * quiet); `continue` passes it on. The message is already in the transcript either way.
 */
export interface TurnInterceptor {
  intercept(turn: CustomerTurn): Promise<'handled' | 'continue'>;
}
