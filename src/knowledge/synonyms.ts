import { KnowledgeFileError } from './knowledge-error.js';

/** Rewrites every variant of a synonym group to the group's first term, before tokenising. */
export interface Synonyms {
  rewrite(normalisedText: string): string;
  readonly groups: readonly (readonly string[])[];
}

const LATIN = /^[\p{Script=Latin}\d\s'-]+$/u;

function escape(term: string): string {
  return term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Builds the rewriter; Latin variants match whole words only, Chinese ones anywhere. */
export function createSynonyms(groups: readonly (readonly string[])[]): Synonyms {
  const canonical = new Map<string, string>();
  for (const group of groups) {
    const [head, ...variants] = group;
    if (head === undefined) continue;
    for (const variant of variants) if (variant !== head) canonical.set(variant, head);
  }
  if (canonical.size === 0) return { rewrite: (text) => text, groups };
  const alternatives = [...canonical.keys()]
    .sort((a, b) => b.length - a.length)
    .map((v) => (LATIN.test(v) ? `(?<![\\p{L}\\d])${escape(v)}(?![\\p{L}\\d])` : escape(v)));
  const pattern = new RegExp(alternatives.join('|'), 'gu');
  return {
    rewrite: (text) => text.replace(pattern, (match) => canonical.get(match) ?? match),
    groups,
  };
}

/** Parses `a=b=c` lines (`#` comments, blank lines ignored); terms are NFKC-lowercased. */
export function parseSynonyms(text: string, file: string): Synonyms {
  const groups: string[][] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') return;
    const terms = line.split('=').map((t) => t.normalize('NFKC').toLowerCase().trim());
    if (terms.length < 2 || terms.some((t) => t === '')) {
      throw new KnowledgeFileError(file, index + 1, 'expected "term=synonym[=synonym…]"');
    }
    groups.push(terms);
  });
  return createSynonyms(groups);
}

export const NO_SYNONYMS: Synonyms = createSynonyms([]);
