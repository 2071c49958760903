import type { Language } from '../domain/taxonomy.js';
import { CueIndex } from './cue-index.js';

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

/**
 * One cue list per language, matched through a `CueIndex`: Chinese cues as substrings, English cues
 * on word boundaries. Matchers built on one shared index (one per lexicon) cost one walk of the
 * text between them; without one, a matcher has its own. Text must already be lower-cased by the
 * caller.
 */
export class CueMatcher {
  private readonly zh: number;
  private readonly en: number;
  private readonly any: number;

  constructor(
    cues: CueList,
    private readonly index: CueIndex = new CueIndex(),
  ) {
    this.zh = index.addList(cues.zh);
    this.en = index.addList(cues.en);
    this.any = index.addList([...cues.zh, ...cues.en]);
  }

  /** Cues of either language: for mixed text, and for signals (threats, products) said in any language. */
  findAny(lower: string): CueHit[] {
    return this.index.select(lower, this.any);
  }

  hasAny(lower: string): boolean {
    return this.index.has(lower, this.any);
  }

  /** Every non-overlapping cue in `lower`, longest first at each position, in order. */
  find(lower: string, lang: Language): CueHit[] {
    return this.index.select(lower, lang === 'zh' ? this.zh : this.en);
  }

  /** How many cues `find` finds. */
  count(lower: string, lang: Language): number {
    return this.index.count(lower, lang === 'zh' ? this.zh : this.en);
  }

  has(lower: string, lang: Language): boolean {
    return this.index.has(lower, lang === 'zh' ? this.zh : this.en);
  }
}
