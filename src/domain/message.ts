import { z } from 'zod';
import { DialogAct, EmpathyFamily, Sender, SlotName } from './taxonomy.js';

export const MessageMeta = z.object({
  act: DialogAct.optional(),
  slot: SlotName.optional(),
  ticketId: z.string().optional(),
  suggestions: z.array(z.string()).optional(),
  /** The empathy family the message uses (issue 11), for the dialogue runner and the agent console. */
  family: EmpathyFamily.optional(),
  /** Every act of a message that joins several (an acknowledgement and a question in one bubble). */
  acts: z.array(DialogAct).optional(),
  /** Every slot a joined message asks for; `slot` is the first. */
  slots: z.array(SlotName).optional(),
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
