import { z } from 'zod';
import type { Message, MessageMeta } from '../domain/message.js';

/** What a customer sees of a handoff (DESIGN §6 `handoff` event), channel-agnostic. */
export const HandoffStatus = z.object({
  state: z.enum(['queued', 'assigned', 'closed']),
  position: z.number().int().min(1).optional(),
  etaSeconds: z.number().int().min(0).optional(),
  agentName: z.string().optional(),
});
export type HandoffStatus = z.infer<typeof HandoffStatus>;

/**
 * Proactive delivery to a customer outside their own turn (agent replies, queue updates, SLA notices),
 * on whatever channel the conversation lives on. The message is also appended to the transcript.
 */
export interface CustomerDelivery {
  send(
    conversationId: string,
    message: { from: 'bot' | 'agent' | 'system'; text: string; meta?: MessageMeta },
  ): Promise<Message>;
  notifyHandoff(conversationId: string, status: HandoffStatus): Promise<void>;
  /** Shows the customer that their agent is typing, where the channel can (the web widget). */
  agentTyping?(conversationId: string): Promise<void>;
}

/**
 * A delivery the channel cannot make, known before anything is queued (STYLE §7: a typed failure
 * handled in one place). The agent API answers it with 409 and this message, which the console shows.
 */
export class DeliveryRefused extends Error {
  override name = 'DeliveryRefused';
  constructor(
    readonly reason: 'reply_window_closed' | 'channel_unavailable',
    message: string,
  ) {
    super(message);
  }
}
