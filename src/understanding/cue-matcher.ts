import type { Language } from '../domain/taxonomy.js';

export interface CueList {
  zh: readonly string[];
  en: readonly string[];
}

export interface CueHit {
  cue: string;
  index: number;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compile(cues: readonly string[], wordBounded: boolean): RegExp | undefined {
  if (cues.length === 0) return undefined;
  const body = [...new Set(cues.map((c) => c.toLowerCase()))]
    .sort((a, b) => b.length - a.length)
    .map((c) => {
      const e = escapeRegExp(c);
      // Only cues that start/end with a word character need a word boundary there.
      if (!wordBounded) return e;
      const head = /^[a-z0-9]/i.test(c) ? '(?<![a-z0-9])' : '';
      const tail = /[a-z0-9]$/i.test(c) ? '(?![a-z0-9])' : '';
      return `${head}${e}${tail}`;
    })
    .join('|');
  return new RegExp(body, 'gu');
}

/**
 * One compiled alternation per language: Chinese cues match as substrings, English cues on word
 * boundaries. Text must already be lower-cased by the caller (see `lowerText`).
 */
export class CueMatcher {
  private readonly zh: RegExp | undefined;
  private readonly en: RegExp | undefined;
  private readonly any: RegExp | undefined;

  constructor(cues: CueList) {
    // Latin cues inside the Chinese list ("APP", "12315") still need boundaries against digits.
    this.zh = compile(cues.zh, true);
    this.en = compile(cues.en, true);
    this.any = compile([...cues.zh, ...cues.en], true);
  }

  /** Cues of either language: for mixed text, and for signals (threats, products) said in any language. */
  findAny(lower: string): CueHit[] {
    return this.run(this.any, lower);
  }

  hasAny(lower: string): boolean {
    if (this.any === undefined) return false;
    this.any.lastIndex = 0;
    return this.any.test(lower);
  }

  /** Every non-overlapping cue in `lower`, longest first at each position, in order. */
  find(lower: string, lang: Language): CueHit[] {
    return this.run(lang === 'zh' ? this.zh : this.en, lower);
  }

  private run(re: RegExp | undefined, lower: string): CueHit[] {
    if (re === undefined) return [];
    const hits: CueHit[] = [];
    for (const m of lower.matchAll(re)) hits.push({ cue: m[0], index: m.index });
    return hits;
  }

  has(lower: string, lang: Language): boolean {
    const re = lang === 'zh' ? this.zh : this.en;
    if (re === undefined) return false;
    re.lastIndex = 0;
    return re.test(lower);
  }
}
