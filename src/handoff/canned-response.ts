import { z } from 'zod';
import { Language } from '../domain/taxonomy.js';

/** What an agent types to insert a reply, e.g. `/refund`: letters, digits, _ or - after one slash. */
export const Shortcut = z
  .string()
  .trim()
  .regex(/^\/[\p{L}\p{N}_-]{1,32}$/u, 'a slash and 1–32 letters, digits, _ or -');

const Tag = z.string().trim().min(1).max(32);

/** A canned response as an admin writes it: one language, one shortcut per language. */
export const CannedDraft = z.object({
  lang: Language,
  shortcut: Shortcut,
  /** The label the agent console lists it under. */
  title: z.string().trim().min(1).max(100),
  text: z.string().trim().min(1).max(2000),
  tags: z
    .array(Tag)
    .max(20)
    .default([])
    .transform((tags) => [...new Set(tags)].sort()),
});
export type CannedDraft = z.input<typeof CannedDraft>;

export const CannedResponse = z.object({
  id: z.string().min(1),
  lang: Language,
  shortcut: Shortcut,
  title: z.string(),
  text: z.string(),
  tags: z.array(z.string()),
  updatedBy: z.string().min(1),
  updatedAt: z.iso.datetime(),
});
export type CannedResponse = z.infer<typeof CannedResponse>;

export const CannedFilter = z
  .object({ lang: Language.optional(), tag: Tag.optional() })
  .strict()
  .default({});
export type CannedFilter = z.input<typeof CannedFilter>;

/** A shortcut already used in that language is refused, never overwritten. */
export type CannedOutcome =
  | { ok: true; response: CannedResponse }
  | { ok: false; reason: 'not_found' | 'duplicate_shortcut' };
