import type { EmotionLexicon, Modifiers } from '../understanding-config.js';

/** The four emotions a lexicon entry can carry; neutral is the absence of evidence. */
export const SCORED_EMOTIONS = ['angry', 'sad', 'anxious', 'positive'] as const;
export type ScoredEmotion = (typeof SCORED_EMOTIONS)[number];

export type LexEntry =
  | { kind: 'emotion'; emotion: ScoredEmotion; weight: number }
  | { kind: 'negation'; rhetorical: boolean }
  | { kind: 'degree'; factor: number }
  | { kind: 'contrast' };

/** A lexicon entry under its key; `words` is the key split on spaces (English phrases). */
export interface LexCandidate {
  key: string;
  words: readonly string[];
  entry: LexEntry;
}

/** Entries keyed by their first character (zh) or first token (en), longest first, for a greedy scan. */
export class LexiconIndex {
  private readonly byHead = new Map<string, LexCandidate[]>();
  /** The same lists keyed by the code point of a one-character head: a scan looks up without a string. */
  private readonly byCodePoint = new Map<number, LexCandidate[]>();

  constructor(
    lexicon: EmotionLexicon,
    modifiers: Modifiers,
    private readonly head: (key: string) => string,
  ) {
    const rhetorical = new Set(modifiers.rhetorical);
    for (const w of modifiers.negation)
      this.add(w, { kind: 'negation', rhetorical: rhetorical.has(w) });
    for (const [w, factor] of Object.entries(modifiers.degree))
      this.add(w, { kind: 'degree', factor });
    for (const w of modifiers.contrast) this.add(w, { kind: 'contrast' });
    // Emotion entries are added last so that a longer entry ("不开心") beats its negation prefix ("不").
    for (const emotion of SCORED_EMOTIONS) {
      for (const [w, weight] of Object.entries(lexicon[emotion])) {
        this.add(w, { kind: 'emotion', emotion, weight });
      }
    }
    for (const [head, list] of this.byHead) {
      list.sort((a, b) => b.key.length - a.key.length);
      const code = head.codePointAt(0);
      if (code !== undefined && String.fromCodePoint(code) === head)
        this.byCodePoint.set(code, list);
    }
  }

  private add(raw: string, entry: LexEntry): void {
    const key = raw.normalize('NFKC').toLowerCase();
    const h = this.head(key);
    const list = this.byHead.get(h) ?? [];
    const same = list.findIndex((e) => e.key === key);
    const candidate = { key, words: key.split(' '), entry };
    if (same >= 0) list[same] = candidate;
    else list.push(candidate);
    this.byHead.set(h, list);
  }

  candidates(head: string): readonly LexCandidate[] | undefined {
    return this.byHead.get(head);
  }

  /** Entries whose head is the character with this code point. */
  candidatesOf(codePoint: number): readonly LexCandidate[] | undefined {
    return this.byCodePoint.get(codePoint);
  }
}
