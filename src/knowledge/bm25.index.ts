/** BM25 saturation and length normalisation (Robertson's k1 and b). */
export interface Bm25Params {
  k1: number;
  b: number;
}

interface Postings {
  docs: Uint32Array;
  tfs: Float32Array;
}

/** A query compiled against one index: matched postings with their weights, and its self score. */
export interface PreparedQuery {
  terms: { postings: Postings; idf: number; qtf: number }[];
  /** What a document of average length repeating the query would score: the normaliser. */
  selfScore: number;
}

/**
 * A compact BM25 index over term arrays. Scores go into a caller-owned array so one query costs
 * no allocation per document; only documents sharing a term with the query are visited.
 */
export class Bm25Index {
  private readonly postings = new Map<string, Postings>();
  private readonly lengthNorm: Float32Array;
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
    for (const [term, list] of lists) {
      this.postings.set(term, {
        docs: Uint32Array.from(list.docs),
        tfs: Float32Array.from(list.tfs),
      });
    }
    const avg = total / Math.max(1, this.docCount);
    const { k1, b } = params;
    this.lengthNorm = Float32Array.from(
      documents,
      (terms) => k1 * (1 - b + (b * terms.length) / Math.max(avg, 1e-9)),
    );
  }

  private idf(df: number): number {
    return Math.log(1 + (this.docCount - df + 0.5) / (df + 0.5));
  }

  /** Unknown query terms add to the self score only, so a query the KB does not cover scores low. */
  prepare(queryTerms: readonly string[]): PreparedQuery {
    const counts = new Map<string, number>();
    for (const t of queryTerms) counts.set(t, (counts.get(t) ?? 0) + 1);
    const { k1 } = this.params;
    const terms: PreparedQuery['terms'] = [];
    let selfScore = 0;
    for (const [term, qtf] of counts) {
      const postings = this.postings.get(term);
      const idf = this.idf(postings?.docs.length ?? 0);
      selfScore += (idf * qtf * qtf * (k1 + 1)) / (qtf + k1);
      if (postings !== undefined) terms.push({ postings, idf, qtf });
    }
    return { terms, selfScore };
  }

  /** Adds `weight` × BM25 into `scores[doc]`, recording each newly touched document. */
  accumulate(query: PreparedQuery, weight: number, scores: Float64Array, touched: number[]): void {
    const { k1 } = this.params;
    for (const { postings, idf, qtf } of query.terms) {
      const w = weight * idf * qtf;
      const { docs, tfs } = postings;
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i] as number;
        const tf = tfs[i] as number;
        if (scores[doc] === 0) touched.push(doc);
        scores[doc] =
          (scores[doc] as number) + (w * tf * (k1 + 1)) / (tf + (this.lengthNorm[doc] as number));
      }
    }
  }
}
