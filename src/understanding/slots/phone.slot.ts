import type { SlotHit, SlotInput } from './slot-types.js';

/** CN mobile, optionally +86, with spaces or dashes: 138 1234 5678, +86-138-1234-5678. */
const CN_MOBILE = /(?<![\d+])(?:(?:\+|00)?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?!\d)/g;
/** CN landline with area code: 010-12345678, (021)87654321, 0755 8888 6666. */
const CN_LANDLINE = /(?<![\d+])\(?(0\d{2,3})\)?[\s-]?(\d{3,4})[\s-]?(\d{4})(?![\d])/g;
/** Hotlines: 400-123-4567, 800 810 8888, 95588, 10086. */
const CN_SERVICE = /(?<![\d])((?:400|800)[\s-]?\d{3}[\s-]?\d{4})(?!\d)/g;
/** North American: (555) 123-4567, 555-123-4567, +1 555 123 4567. */
const NANP = /(?<![\d])(?:\+?1[\s.-]?)?\(?([2-9]\d{2})\)?[\s.-]?(\d{3})[\s.-](\d{4})(?!\d)/g;
/** Any other international number written with a +country code: +44 20 7946 0958. */
const INTERNATIONAL = /(?<![\d])\+((?:[2-79]\d?)\d?)[\s-]?(\d[\d\s-]{6,13}\d)(?!\d)/g;

/** Every phone number in the text, normalised to digits (CN numbers without +86; others E.164). */
export function findPhones({ text }: SlotInput): SlotHit[] {
  const hits: SlotHit[] = [];
  const taken: Array<[number, number]> = [];
  const add = (m: RegExpMatchArray, value: string, confidence: number): void => {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (taken.some(([s, e]) => start < e && end > s)) return;
    taken.push([start, end]);
    hits.push({ slot: 'contact_phone', value, raw: m[0].trim(), confidence, index: start });
  };
  for (const m of text.matchAll(CN_MOBILE)) add(m, `${m[1]}${m[2]}${m[3]}`, 0.95);
  for (const m of text.matchAll(CN_SERVICE)) add(m, (m[1] ?? '').replace(/\D/g, ''), 0.85);
  for (const m of text.matchAll(CN_LANDLINE)) add(m, `${m[1]}${m[2]}${m[3]}`, 0.85);
  for (const m of text.matchAll(INTERNATIONAL)) {
    if (m[1] === '86') continue;
    add(m, `+${m[1]}${(m[2] ?? '').replace(/\D/g, '')}`, 0.85);
  }
  for (const m of text.matchAll(NANP)) add(m, `+1${m[1]}${m[2]}${m[3]}`, 0.85);
  return hits.sort((a, b) => a.index - b.index);
}
