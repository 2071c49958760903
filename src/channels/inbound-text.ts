import type { Language } from '../domain/taxonomy.js';

/** What a channel tells a customer about a message it could not take whole (DESIGN §8, bad input). */
const NOTES = {
  zh: {
    pleaseType: '抱歉,我暂时只能看懂文字消息。请用文字把情况告诉我,我会认真处理。',
    cut: (max: number) => `您的消息较长,我先记录了前 ${max} 个字;如有遗漏,请分几条补充给我。`,
  },
  en: {
    pleaseType:
      "Sorry, I can only read text messages for now. Please type what happened and I'll take care of it.",
    cut: (max: number) =>
      `Your message was long, so I kept the first ${max} characters; please send anything missing in another message.`,
  },
} as const;

/** The conversation language a platform's locale suggests; Chinese first, as everywhere. */
export const languageOf = (locale: string | undefined): Language =>
  locale?.toLowerCase().startsWith('en') ? 'en' : 'zh';

export const pleaseTypeNote = (lang: Language): string => NOTES[lang].pleaseType;

/**
 * Cuts a customer message to `max` characters (code points, so no emoji is split); `note` is what to
 * tell the customer when it was cut.
 */
export function cutToLimit(
  text: string,
  max: number,
  lang: Language,
): { text: string; note?: string } {
  if (text.length <= max) return { text };
  const chars = [...text];
  if (chars.length <= max) return { text };
  return { text: chars.slice(0, max).join(''), note: NOTES[lang].cut(max) };
}
