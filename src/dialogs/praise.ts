import type { Language } from '../domain/taxonomy.js';

/** Longest deed read back: anything longer is the customer's story, not a thank-you. */
const MAX_DEED: Readonly<Record<Language, number>> = { zh: 20, en: 70 };
const CLAUSES: Readonly<Record<Language, RegExp>> = {
  zh: /[，。！？!?,.;；:：\s]+/u,
  en: /[.!?;:]+\s*|,\s*/u,
};
const SUBJECT: Readonly<Record<Language, RegExp>> = {
  zh: /^(他们|她们|他|她|人家|对方)/u,
  en: /^(and|who|he|she|they|then)\s+/iu,
};
/** The customer's side turned to ours: 我 → 您, "my flight" → "your flight". */
const OURS: Readonly<Record<Language, ReadonlyArray<[RegExp, string]>>> = {
  zh: [[/我/gu, '您']],
  en: [
    [/\bmy\b/giu, 'your'],
    [/\bme\b/giu, 'you'],
    [/\bus\b/giu, 'you'],
    [/\bour\b/giu, 'your'],
    [/\bI\b/gu, 'you'],
    [/\bwe\b/giu, 'you'],
  ],
};

/**
 * What the praised person did, in the customer's words turned to ours ("帮您老伴弄手机弄了一个多小时",
 * "fixed the boiler in twenty minutes"): the first clause with a deed word, short enough to read
 * back; undefined when there is none (the thanks then names only the person).
 */
export function deedOf(
  text: string,
  lang: Language,
  cues: readonly string[],
  person?: string,
): string | undefined {
  const clause = text
    .split(CLAUSES[lang])
    .map((c) => c.trim())
    .find((c) => cues.some((cue) => c.toLowerCase().includes(cue.toLowerCase())));
  if (!clause) return undefined;
  let deed = person && clause.startsWith(person) ? clause.slice(person.length).trim() : clause;
  deed = deed.replace(SUBJECT[lang], '');
  for (const [pattern, ours] of OURS[lang]) deed = deed.replace(pattern, ours);
  const length = [...deed].length;
  return length > 1 && length <= MAX_DEED[lang] ? deed : undefined;
}
