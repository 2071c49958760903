import { z } from 'zod';
import { DialogAct, Sender, SlotName } from './taxonomy.js';

export const MessageMeta = z.object({
  act: DialogAct.optional(),
  slot: SlotName.optional(),
  ticketId: z.string().optional(),
  suggestions: z.array(z.string()).optional(),
});
export type MessageMeta = z.infer<typeof MessageMeta>;

/** One line of a conversation as every channel, the transcript and the agent console see it (DESIGN §6). */
export const Message = z.object({
  id: z.string(),
  from: Sender,
  text: z.string(),
  /** ISO-8601 timestamp. */
  at: z.string(),
  meta: MessageMeta.optional(),
});
export type Message = z.infer<typeof Message>;
