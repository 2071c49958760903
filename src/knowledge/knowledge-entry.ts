import { z } from 'zod';

export const KNOWLEDGE_LANGS = ['zh', 'en'] as const;
export const KnowledgeLangSchema = z.enum(KNOWLEDGE_LANGS);
export type KnowledgeLang = z.infer<typeof KnowledgeLangSchema>;

/**
 * One knowledge-base entry (DESIGN §6): several phrasings of one question and the answer we stand
 * behind. `lang` is an extension; when absent it is detected from the answer text.
 */
export const KnowledgeEntrySchema = z.strictObject({
  id: z.string().trim().min(1).max(200),
  questions: z.array(z.string().trim().min(1).max(1000)).min(1).max(500),
  answer: z.string().trim().min(1).max(10_000),
  category: z.string().trim().min(1).max(100).optional(),
  tags: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
  lang: KnowledgeLangSchema.optional(),
});
export type KnowledgeEntry = z.infer<typeof KnowledgeEntrySchema>;

const HAN = /\p{Script=Han}/gu;

/** Chinese when at least one character in ten is a Han character, else English. */
export function detectLang(text: string): KnowledgeLang {
  const han = text.match(HAN)?.length ?? 0;
  return han * 10 >= [...text].length && han > 0 ? 'zh' : 'en';
}

/** The language an entry answers in: declared, else detected from its answer. */
export function entryLang(entry: KnowledgeEntry): KnowledgeLang {
  return entry.lang ?? detectLang(entry.answer);
}
