import type { Language } from '../../../src/domain/taxonomy.js';

/** Customer messages shorter than this say too little for a copy of them to be an echo. */
const MIN_LENGTH: Readonly<Record<Language, number>> = { zh: 12, en: 40 };

/** Characters of the longest stretch of `message` that appears in `reply` (dynamic programming, O(n·m)). */
export function longestCopied(reply: string, message: string): number {
  const a = [...reply];
  const b = [...message];
  let previous = new Array<number>(b.length + 1).fill(0);
  let best = 0;
  for (const ca of a) {
    const row = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j += 1) {
      if (ca === b[j - 1]) {
        const run = (previous[j - 1] ?? 0) + 1;
        row[j] = run;
        if (run > best) best = run;
      }
    }
    previous = row;
  }
  return best;
}

/** Numbers, spaces and punctuation: read back on purpose (a phone, an amount), never an echo. */
const NOT_WORDING = /[\p{N}\p{P}\p{S}\s]+/gu;

/**
 * The largest share of any (long enough) customer message that a reply repeats word for word,
 * counted on the wording alone: the numbers a restatement must read back do not count.
 */
export function copiedShare(reply: string, messages: readonly string[], lang: Language): number {
  const said = reply.replace(NOT_WORDING, '');
  return messages
    .map((m) => m.replace(NOT_WORDING, lang === 'en' ? ' ' : '').trim())
    .filter((m) => [...m].length >= MIN_LENGTH[lang])
    .reduce(
      (worst, m) =>
        Math.max(
          worst,
          longestCopied(said, m.replace(/\s+/g, '')) / [...m.replace(/\s+/g, '')].length,
        ),
      0,
    );
}
