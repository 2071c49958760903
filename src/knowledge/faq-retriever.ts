import { Bm25Index, type Bm25Params, type PreparedQuery, type ScoreBuffers } from './bm25.index.js';
import { confidenceOf, type Calibration } from './calibration.js';
import { lcsDice, lcsRow, lcsText, type LcsRow } from './char-lcs.js';
import {
  detectLang,
  entryLang,
  type KnowledgeEntry,
  type KnowledgeLang,
} from './knowledge-entry.js';
import type { TextAnalyzer } from './text-analyzer.js';

/** Every tunable of retrieval; `npm run eval` reports what each is worth. */
export interface RetrievalParams {
  words: Bm25Params;
  grams: Bm25Params;
  /** Share of the word score in the fused score; the char n-gram score gets the rest. */
  wordWeight: number;
  /** The same for Chinese queries, whose n-grams already carry the words jieba finds. */
  wordWeightZh: number;
  /** kNN-style voting: an entry's score adds `vote` × the mean of its next `voteK - 1` phrasings. */
  vote: number;
  voteK: number;
  /**
   * Share of the answer text in an entry's score for Chinese queries: how much of the query's
   * n-gram weight the answer covers (BM25 over the query's self score). Off by default: with the
   * LCS rerank it adds nothing on held folds (`npm run eval faq-pipelines`: 0.950 ± 0.016 either way).
   */
  answerWeightZh: number;
  /**
   * Chinese queries: the best `rerank` entries are rescored as (1 − w) × score + w × the
   * character LCS ratio (char-lcs.ts) of the query and the entry's closest phrasing, so a
   * paraphrase that swaps a word but keeps the sentence wins over one sharing scattered n-grams.
   */
  lcsWeightZh: number;
  rerank: number;
  /** Documents a query may score per index (rarest terms first); bounds latency at 10,000 entries. */
  candidates: number;
  /** Share of the symmetric IDF-weighted Dice overlap in each index's score; BM25 gets the rest. */
  diceShare: number;
  calibration: Calibration;
  /**
   * Below this calibrated confidence the search abstains. 0.4, not 0.5: every answer is followed
   * by "did this solve it?", so a wrong answer costs about 2/3 of what a right one gains.
   */
  threshold: number;
  /**
   * Below this fused score it abstains whatever the margin: in a small knowledge base an
   * off-topic query may touch a single entry through one shared character.
   */
  minScore: number;
}

/** Defaults re-chosen by cross-validated figures only (`npm run eval faq-pipelines`, src/knowledge/README.md). */
export const DEFAULT_RETRIEVAL: RetrievalParams = {
  words: { k1: 1.2, b: 0.75, maxDfRatio: 1 },
  grams: { k1: 1.2, b: 0.75, maxDfRatio: 0.05 },
  wordWeight: 0.3,
  wordWeightZh: 0.2,
  vote: 1,
  voteK: 5,
  candidates: 2000,
  diceShare: 0.5,
  answerWeightZh: 0,
  lcsWeightZh: 0.5,
  rerank: 20,
  calibration: { a: 1.3, b: 17.71, c: -1.21 },
  threshold: 0.4,
  minScore: 0.15,
};

export interface RankedEntry {
  entry: number;
  score: number;
}

export interface Ranking {
  ranked: RankedEntry[];
  /** Calibrated probability that the first entry answers the query; 0 when nothing matched. */
  confidence: number;
  /**
   * First-stage evidence the abstention is decided on: the top score and its lead before the LCS
   * rerank, which reorders candidates but would lift an off-topic query sharing 怎么样 with one.
   */
  evidence: { top: number; margin: number };
}

/** Ranks entries for a query: doc-level fusion of word and n-gram BM25, then per-entry voting. */
export class FaqRetriever {
  private readonly words: Bm25Index;
  private readonly grams: Bm25Index;
  private readonly answers: Bm25Index;
  private readonly answerBuffers: ScoreBuffers;
  private readonly docEntry: Uint32Array;
  private readonly phrasings: Uint32Array;
  private readonly langs: KnowledgeLang[];
  private readonly wordBuffers: ScoreBuffers;
  private readonly gramBuffers: ScoreBuffers;
  private readonly seen: Uint8Array;
  private readonly entryTop: Float64Array;
  /** Each entry's phrasings as `lcsText`, kept only when the LCS rerank is on. */
  private readonly lcsTexts: string[][];
  private readonly lcsBuffer: LcsRow = lcsRow();

  constructor(
    entries: readonly KnowledgeEntry[],
    private readonly analyzer: TextAnalyzer,
    readonly params: RetrievalParams = DEFAULT_RETRIEVAL,
  ) {
    const docEntry: number[] = [];
    const wordDocs: string[][] = [];
    const gramDocs: string[][] = [];
    const add = (text: string, entry: number): void => {
      const { words, grams } = analyzer.analyze(text);
      wordDocs.push(words);
      gramDocs.push(grams);
      docEntry.push(entry);
    };
    entries.forEach((entry, index) => {
      for (const question of entry.questions) add(question, index);
    });
    this.words = new Bm25Index(wordDocs, params.words);
    this.grams = new Bm25Index(gramDocs, params.grams);
    this.answers = new Bm25Index(
      params.answerWeightZh > 0 ? entries.map((e) => analyzer.analyze(e.answer).grams) : [],
      params.grams,
    );
    this.docEntry = Uint32Array.from(docEntry);
    this.phrasings = Uint32Array.from(entries, (e) => e.questions.length);
    this.langs = entries.map(entryLang);
    const buffers = (size: number): ScoreBuffers => ({
      bm25: new Float64Array(size),
      shared: new Float64Array(size),
      touched: [],
    });
    this.wordBuffers = buffers(docEntry.length);
    this.gramBuffers = buffers(docEntry.length);
    this.answerBuffers = buffers(this.answers.size);
    this.seen = new Uint8Array(docEntry.length);
    this.entryTop = new Float64Array(entries.length * params.voteK);
    this.lcsTexts = params.lcsWeightZh > 0 ? entries.map((e) => e.questions.map(lcsText)) : [];
  }

  rank(query: string, limit: number, lang?: KnowledgeLang): Ranking {
    const { words, grams } = this.analyzer.analyze(query);
    const wq = this.words.prepare(words);
    const gq = this.grams.prepare(grams);
    const { vote, voteK } = this.params;
    const zh = detectLang(query) === 'zh';
    const wordWeight = zh ? this.params.wordWeightZh : this.params.wordWeight;
    const wb = this.wordBuffers;
    const gb = this.gramBuffers;
    this.words.accumulate(wq, 1, wb, this.params.candidates);
    this.grams.accumulate(gq, 1, gb, this.params.candidates);
    const entries: number[] = [];
    const collect = (doc: number): void => {
      if (this.seen[doc] === 1) return;
      this.seen[doc] = 1;
      const score =
        wordWeight * this.docScore(this.words, wq, wb, doc) +
        (1 - wordWeight) * this.docScore(this.grams, gq, gb, doc);
      const entry = this.docEntry[doc] as number;
      if (lang !== undefined && this.langs[entry] !== lang) return;
      const base = entry * voteK;
      if (this.entryTop[base] === 0) entries.push(entry);
      insertTopK(this.entryTop, base, voteK, score);
    };
    wb.touched.forEach(collect);
    gb.touched.forEach(collect);
    this.reset(wb);
    this.reset(gb);
    const answerWeight = zh ? this.params.answerWeightZh : 0;
    const ab = this.answerBuffers;
    const aq = answerWeight > 0 ? this.answers.prepare(grams) : undefined;
    if (aq !== undefined) this.answers.accumulate(aq, 1, ab, this.params.candidates);
    const lcsWeight = zh ? this.params.lcsWeightZh : 0;
    // Keep the best `limit` (and at least two, for the margin) without sorting every entry.
    const keep = Math.max(limit, 2, lcsWeight > 0 ? this.params.rerank : 0);
    const ranked: RankedEntry[] = [];
    for (const entry of entries) {
      const base = entry * voteK;
      const others = Math.min(voteK, this.phrasings[entry] as number) - 1;
      let rest = 0;
      for (let i = 1; i <= others; i++) rest += this.entryTop[base + i] as number;
      const best = this.entryTop[base] as number;
      const voted = others > 0 ? (best + (vote * rest) / others) / (1 + vote) : best;
      const answered =
        aq !== undefined && aq.selfScore > 0
          ? Math.min(1, (ab.bm25[entry] as number) / aq.selfScore)
          : 0;
      const score = (1 - answerWeight) * voted + answerWeight * answered;
      this.entryTop.fill(0, base, base + voteK);
      if (ranked.length === keep) {
        if (score <= (ranked[keep - 1] as RankedEntry).score) continue;
        ranked.pop();
      }
      let at = ranked.length;
      while (at > 0 && (ranked[at - 1] as RankedEntry).score < score) at--;
      ranked.splice(at, 0, { entry, score });
    }
    this.reset(ab);
    const top = ranked[0]?.score ?? 0;
    const margin = top - (ranked[1]?.score ?? 0);
    const confidence = top > 0 ? confidenceOf(this.params.calibration, top, margin) : 0;
    if (lcsWeight > 0) this.rerankByLcs(ranked, lcsText(query), lcsWeight);
    return { ranked: ranked.slice(0, limit), confidence, evidence: { top, margin } };
  }

  /** Fuses each candidate's score with its closest phrasing's LCS ratio, then re-sorts. */
  private rerankByLcs(ranked: RankedEntry[], query: string, weight: number): void {
    for (const candidate of ranked) {
      let best = 0;
      for (const phrasing of this.lcsTexts[candidate.entry] ?? []) {
        best = Math.max(best, lcsDice(query, phrasing, this.lcsBuffer));
      }
      candidate.score = (1 - weight) * candidate.score + weight * best;
    }
    ranked.sort((a, b) => b.score - a.score);
  }

  /** One index's normalised score for a document: BM25 over the query's self score, and Dice. */
  private docScore(
    index: Bm25Index,
    query: PreparedQuery,
    buffers: ScoreBuffers,
    doc: number,
  ): number {
    const shared = buffers.shared[doc] as number;
    if (shared === 0) return 0;
    const { diceShare } = this.params;
    const bm25 = (buffers.bm25[doc] as number) / query.selfScore;
    return (1 - diceShare) * bm25 + diceShare * index.dice(query, doc, shared);
  }

  private reset(buffers: ScoreBuffers): void {
    for (const doc of buffers.touched) {
      buffers.bm25[doc] = 0;
      buffers.shared[doc] = 0;
      this.seen[doc] = 0;
    }
    buffers.touched.length = 0;
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
