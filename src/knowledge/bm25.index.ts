/** BM25 saturation and length normalisation (Robertson's k1 and b). */
export interface Bm25Params {
  k1: number;
  b: number;
  /**
   * Terms in more than this share of the documents (and in more than 1000) are dropped: they carry
   * little weight and their long postings lists dominate query time in a large knowledge base.
   */
  maxDfRatio: number;
}

interface Postings {
  docs: Uint32Array;
  tfs: Float32Array;
  idf: number;
}

/** A query compiled against one index: matched postings with their weights, and its normalisers. */
export interface PreparedQuery {
  terms: { postings: Postings; weight: number }[];
  /** What a document of average length repeating the query would score. */
  selfScore: number;
  /** IDF mass of the query's distinct terms, known to the index or not. */
  mass: number;
}

/** Per-query scratch space owned by the caller, so a query allocates nothing per document. */
export interface ScoreBuffers {
  bm25: Float64Array;
  /** IDF mass each document shares with the query (for the symmetric overlap). */
  shared: Float64Array;
  touched: number[];
}

/**
 * A compact BM25 index over term arrays; only documents sharing a term with the query are
 * visited. Besides BM25 (how much of the query a document covers) it gives a symmetric
 * IDF-weighted Dice overlap, which also penalises what the document has and the query lacks.
 */
export class Bm25Index {
  private readonly postings = new Map<string, Postings>();
  private readonly dropped = new Set<string>();
  private readonly lengthNorm: Float32Array;
  private readonly docMass: Float32Array;
  private readonly docCount: number;

  constructor(
    documents: readonly (readonly string[])[],
    private readonly params: Bm25Params,
  ) {
    this.docCount = documents.length;
    const lists = new Map<string, { docs: number[]; tfs: number[] }>();
    let total = 0;
    documents.forEach((terms, doc) => {
      total += terms.length;
      const counts = new Map<string, number>();
      for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
      for (const [term, tf] of counts) {
        let list = lists.get(term);
        if (list === undefined) lists.set(term, (list = { docs: [], tfs: [] }));
        list.docs.push(doc);
        list.tfs.push(tf);
      }
    });
    const maxDf = Math.max(1000, params.maxDfRatio * this.docCount);
    for (const [term, list] of lists) {
      if (list.docs.length > maxDf) {
        this.dropped.add(term);
        continue;
      }
      this.postings.set(term, {
        docs: Uint32Array.from(list.docs),
        tfs: Float32Array.from(list.tfs),
        idf: this.idf(list.docs.length),
      });
    }
    const avg = total / Math.max(1, this.docCount);
    const { k1, b } = params;
    this.lengthNorm = Float32Array.from(
      documents,
      (terms) => k1 * (1 - b + (b * terms.length) / Math.max(avg, 1e-9)),
    );
    this.docMass = Float32Array.from(documents, (terms) =>
      [...new Set(terms)].reduce((sum, t) => sum + (this.postings.get(t)?.idf ?? 0), 0),
    );
  }

  get size(): number {
    return this.docCount;
  }

  private idf(df: number): number {
    return Math.log(1 + (this.docCount - df + 0.5) / (df + 0.5));
  }

  /** Unknown query terms add to the normalisers only, so a query the KB does not cover scores low. */
  prepare(queryTerms: readonly string[]): PreparedQuery {
    const counts = new Map<string, number>();
    for (const t of queryTerms) counts.set(t, (counts.get(t) ?? 0) + 1);
    const { k1 } = this.params;
    const terms: PreparedQuery['terms'] = [];
    let selfScore = 0;
    let mass = 0;
    for (const [term, qtf] of counts) {
      if (this.dropped.has(term)) continue;
      const postings = this.postings.get(term);
      const idf = postings?.idf ?? this.idf(0);
      mass += idf;
      selfScore += (idf * qtf * qtf * (k1 + 1)) / (qtf + k1);
      if (postings !== undefined) terms.push({ postings, weight: idf * qtf });
    }
    terms.sort((x, y) => y.postings.idf - x.postings.idf);
    return { terms, selfScore, mass };
  }

  /**
   * Adds `weight` × BM25 and the shared IDF mass of matching documents into `buffers`. Rarest
   * terms go first; once `candidates` documents are touched, commoner terms only update those,
   * which bounds the work per query in a large knowledge base.
   */
  accumulate(
    query: PreparedQuery,
    weight: number,
    buffers: ScoreBuffers,
    candidates: number,
  ): void {
    const { k1 } = this.params;
    const { bm25, shared, touched } = buffers;
    for (const term of query.terms) {
      const w = weight * term.weight;
      const { docs, tfs, idf } = term.postings;
      const open = touched.length < candidates;
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i] as number;
        const tf = tfs[i] as number;
        if (shared[doc] === 0) {
          if (!open) continue;
          touched.push(doc);
        }
        shared[doc] = (shared[doc] as number) + idf;
        bm25[doc] =
          (bm25[doc] as number) + (w * tf * (k1 + 1)) / (tf + (this.lengthNorm[doc] as number));
      }
    }
  }

  /** IDF-weighted Dice overlap of the query and one document, in [0, 1]. */
  dice(query: PreparedQuery, doc: number, shared: number): number {
    const denominator = query.mass + (this.docMass[doc] as number);
    return denominator > 0 ? (2 * shared) / denominator : 0;
  }
}
