import type { Language } from '../domain/taxonomy.js';

/** CJK Unified Ideographs and Extension A: enough to tell Chinese from English. */
function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}

function isLatin(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Chinese when Han characters are a fair share of the letters; else the conversation's language, else English. */
export function detectLanguage(text: string, fallback?: Language): Language {
  let han = 0;
  let latin = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isHan(code)) han += 1;
    else if (isLatin(code)) latin += 1;
  }
  if (han === 0 && latin === 0) return fallback ?? 'zh';
  // One Han character carries roughly a word; Latin letters come about five to a word.
  return han * 4 >= latin ? 'zh' : 'en';
}

/** Full-width digits, letters and punctuation become ASCII (NFKC), so one pattern serves both widths. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC');
}
