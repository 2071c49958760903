import { DEFAULT_RETRIEVAL, FaqRetriever, type RetrievalParams } from './faq-retriever.js';
import type { KnowledgeEntry } from './knowledge-entry.js';
import type { KnowledgeBase, KnowledgeSearch, SearchOptions } from './knowledge.port.js';
import type { Synonyms } from './synonyms.js';
import { createTextAnalyzer, type Segmenter } from './text-analyzer.js';

export interface KnowledgeBaseOptions {
  synonyms?: Synonyms;
  segmenter?: Segmenter;
  retrieval?: Partial<RetrievalParams>;
}

/** An immutable, fully indexed knowledge base over entries already validated by the loader. */
export function createKnowledgeBase(
  entries: readonly KnowledgeEntry[],
  options: KnowledgeBaseOptions = {},
): KnowledgeBase {
  const analyzer = createTextAnalyzer({ synonyms: options.synonyms, segmenter: options.segmenter });
  const params = { ...DEFAULT_RETRIEVAL, ...options.retrieval };
  const retriever = new FaqRetriever(entries, analyzer, params);
  const byId = new Map(entries.map((e) => [e.id, e]));
  return {
    size: entries.length,
    get: (id) => byId.get(id),
    search(query: string, { limit = 5, lang }: SearchOptions = {}): KnowledgeSearch {
      const { ranked, confidence, evidence } = retriever.rank(query, Math.max(1, limit), lang);
      if (evidence.top < params.minScore || confidence < params.threshold) {
        return { results: [], abstained: true, confidence };
      }
      const results = ranked.map(({ entry, score }) => {
        const hit = entries[entry] as KnowledgeEntry;
        return { id: hit.id, score, entry: hit };
      });
      return { results, abstained: false, confidence };
    },
  };
}
