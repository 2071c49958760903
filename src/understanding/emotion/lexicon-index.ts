import type { EmotionLexicon, Modifiers } from '../understanding-config.js';

/** The four emotions a lexicon entry can carry; neutral is the absence of evidence. */
export const SCORED_EMOTIONS = ['angry', 'sad', 'anxious', 'positive'] as const;
export type ScoredEmotion = (typeof SCORED_EMOTIONS)[number];

export type LexEntry =
  | { kind: 'emotion'; emotion: ScoredEmotion; weight: number }
  | { kind: 'negation'; rhetorical: boolean }
  | { kind: 'degree'; factor: number }
  | { kind: 'contrast' };

/** Entries keyed by their first character (zh) or first token (en), longest first, for a greedy scan. */
export class LexiconIndex {
  private readonly byHead = new Map<string, Array<{ key: string; entry: LexEntry }>>();

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
    for (const list of this.byHead.values()) list.sort((a, b) => b.key.length - a.key.length);
  }

  private add(raw: string, entry: LexEntry): void {
    const key = raw.normalize('NFKC').toLowerCase();
    const h = this.head(key);
    const list = this.byHead.get(h) ?? [];
    const same = list.findIndex((e) => e.key === key);
    if (same >= 0) list[same] = { key, entry };
    else list.push({ key, entry });
    this.byHead.set(h, list);
  }

  candidates(head: string): ReadonlyArray<{ key: string; entry: LexEntry }> | undefined {
    return this.byHead.get(head);
  }
}
