import type { Language } from '../domain/taxonomy.js';

const HAN = /\p{Script=Han}/gu;
const LATIN = /[A-Za-z]/g;

/** Chinese when Han characters are a fair share of the letters; else the conversation's language, else English. */
export function detectLanguage(text: string, fallback?: Language): Language {
  const han = text.match(HAN)?.length ?? 0;
  const latin = text.match(LATIN)?.length ?? 0;
  if (han === 0 && latin === 0) return fallback ?? 'zh';
  // One Han character carries roughly a word; Latin letters come about five to a word.
  return han * 4 >= latin ? 'zh' : 'en';
}

/** Full-width digits, letters and punctuation become ASCII (NFKC), so one pattern serves both widths. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC');
}
