import { z } from 'zod';
import { Language } from '../../domain/taxonomy.js';

/** Handshake `auth`; anything unparseable is treated as "no session" rather than refused. */
export const ChatAuth = z.object({
  sessionId: z.string().min(1).max(128).optional(),
  /** The widget's UI language, so the greeting of a new session matches it. */
  lang: Language.optional(),
});
export type ChatAuth = z.infer<typeof ChatAuth>;

/** Client → server `message`; length is checked separately so it gets its own error. */
export const ChatMessageIn = z.object({
  text: z.string(),
  clientMessageId: z.string().min(1).max(128),
});
export type ChatMessageIn = z.infer<typeof ChatMessageIn>;
