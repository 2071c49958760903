import type { KnowledgeEntry, KnowledgeLang } from './knowledge-entry.js';

export interface SearchOptions {
  /** Most results returned (default 5). */
  limit?: number;
  /** Only entries answering in this language. */
  lang?: KnowledgeLang;
}

export interface KnowledgeHit {
  id: string;
  /** Fused relevance in [0, 1]: the share of the query's term weight the entry matches. */
  score: number;
  entry: KnowledgeEntry;
}

/** A search outcome: an abstention is a value, not an error (STYLE 7). */
export interface KnowledgeSearch {
  /** Best first; empty when `abstained`. */
  results: KnowledgeHit[];
  abstained: boolean;
  /** Calibrated probability that the first result answers the query. */
  confidence: number;
}

/** The knowledge-base port: the dialogs ask it questions; how it is stored and indexed is hidden. */
export interface KnowledgeBase {
  search(query: string, options?: SearchOptions): KnowledgeSearch;
  get(id: string): KnowledgeEntry | undefined;
  readonly size: number;
}
