import { Bm25Index, type Bm25Params } from './bm25.index.js';
import { confidenceOf, type Calibration } from './calibration.js';
import { entryLang, type KnowledgeEntry, type KnowledgeLang } from './knowledge-entry.js';
import type { TextAnalyzer } from './text-analyzer.js';

/** Every tunable of retrieval; `npm run eval` reports what each is worth. */
export interface RetrievalParams {
  words: Bm25Params;
  grams: Bm25Params;
  /** Share of the word score in the fused score; the char n-gram score gets the rest. */
  wordWeight: number;
  /** kNN-style voting: an entry's score adds `vote` × the mean of its next `voteK - 1` phrasings. */
  vote: number;
  voteK: number;
  calibration: Calibration;
  /** Below this calibrated confidence the search abstains. */
  threshold: number;
}

/** Defaults tuned on the dev splits by `npm run eval` (see src/knowledge/README.md). */
export const DEFAULT_RETRIEVAL: RetrievalParams = {
  words: { k1: 1.2, b: 0.75 },
  grams: { k1: 1.2, b: 0.75 },
  wordWeight: 0.5,
  vote: 0.5,
  voteK: 3,
  calibration: { a: 10, b: 10, c: -5 },
  threshold: 0.5,
};

export interface RankedEntry {
  entry: number;
  score: number;
}

export interface Ranking {
  ranked: RankedEntry[];
  /** Calibrated probability that the first entry answers the query; 0 when nothing matched. */
  confidence: number;
}

/** Ranks entries for a query: doc-level fusion of word and n-gram BM25, then per-entry voting. */
export class FaqRetriever {
  private readonly words: Bm25Index;
  private readonly grams: Bm25Index;
  private readonly docEntry: Uint32Array;
  private readonly langs: KnowledgeLang[];
  private readonly scores: Float64Array;
  private readonly entryTop: Float64Array;

  constructor(
    entries: readonly KnowledgeEntry[],
    private readonly analyzer: TextAnalyzer,
    readonly params: RetrievalParams = DEFAULT_RETRIEVAL,
  ) {
    const docEntry: number[] = [];
    const wordDocs: string[][] = [];
    const gramDocs: string[][] = [];
    entries.forEach((entry, index) => {
      for (const question of entry.questions) {
        const { words, grams } = analyzer.analyze(question);
        wordDocs.push(words);
        gramDocs.push(grams);
        docEntry.push(index);
      }
    });
    this.words = new Bm25Index(wordDocs, params.words);
    this.grams = new Bm25Index(gramDocs, params.grams);
    this.docEntry = Uint32Array.from(docEntry);
    this.langs = entries.map(entryLang);
    this.scores = new Float64Array(docEntry.length);
    this.entryTop = new Float64Array(entries.length * params.voteK);
  }

  rank(query: string, limit: number, lang?: KnowledgeLang): Ranking {
    const { words, grams } = this.analyzer.analyze(query);
    const wq = this.words.prepare(words);
    const gq = this.grams.prepare(grams);
    const { wordWeight, vote, voteK } = this.params;
    const touched: number[] = [];
    if (wq.selfScore > 0 && wordWeight > 0) {
      this.words.accumulate(wq, wordWeight / wq.selfScore, this.scores, touched);
    }
    if (gq.selfScore > 0 && wordWeight < 1) {
      this.grams.accumulate(gq, (1 - wordWeight) / gq.selfScore, this.scores, touched);
    }
    const entries: number[] = [];
    for (const doc of touched) {
      const score = this.scores[doc] as number;
      this.scores[doc] = 0;
      const entry = this.docEntry[doc] as number;
      if (lang !== undefined && this.langs[entry] !== lang) continue;
      const base = entry * voteK;
      if (this.entryTop[base] === 0) entries.push(entry);
      insertTopK(this.entryTop, base, voteK, Math.min(score, 1));
    }
    const ranked = entries.map((entry) => {
      const base = entry * voteK;
      let rest = 0;
      for (let i = 1; i < voteK; i++) rest += this.entryTop[base + i] as number;
      const score =
        voteK > 1
          ? ((this.entryTop[base] as number) + (vote * rest) / (voteK - 1)) / (1 + vote)
          : (this.entryTop[base] as number);
      this.entryTop.fill(0, base, base + voteK);
      return { entry, score };
    });
    ranked.sort((x, y) => y.score - x.score);
    const top = ranked[0]?.score ?? 0;
    const margin = top - (ranked[1]?.score ?? 0);
    const confidence = top > 0 ? confidenceOf(this.params.calibration, top, margin) : 0;
    return { ranked: ranked.slice(0, limit), confidence };
  }
}

/** Keeps the k largest values of one entry's phrasings in descending order. */
function insertTopK(buffer: Float64Array, base: number, k: number, value: number): void {
  for (let i = 0; i < k; i++) {
    const current = buffer[base + i] as number;
    if (value > current) {
      for (let j = k - 1; j > i; j--) buffer[base + j] = buffer[base + j - 1] as number;
      buffer[base + i] = value;
      return;
    }
  }
}
