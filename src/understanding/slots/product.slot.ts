import { CueMatcher } from '../cue-matcher.js';
import type { SlotVocabulary } from '../understanding-config.js';
import type { SlotExtractor, SlotHit } from './slot-types.js';

/**
 * Products named in the flow's vocabulary (`context.products`, preferred) or the default one.
 * Flow vocabularies change per conversation, so their matcher is cached per list.
 */
export function createProductExtractor(vocab: SlotVocabulary): SlotExtractor {
  const defaults = new CueMatcher(vocab.products);
  const cache = new Map<string, CueMatcher>();
  const flowMatcher = (products: readonly string[]): CueMatcher => {
    const key = products.join('\u0000');
    let m = cache.get(key);
    if (m === undefined) {
      if (cache.size > 64) cache.clear();
      m = new CueMatcher({ zh: products, en: products });
      cache.set(key, m);
    }
    return m;
  };
  return ({ text, lower, context }) => {
    const hits: SlotHit[] = [];
    const add = (matcher: CueMatcher, confidence: number): void => {
      for (const c of matcher.findAny(lower)) {
        if (hits.some((h) => c.index >= h.index && c.index < h.index + h.raw.length)) continue;
        const raw = text.slice(c.index, c.index + c.cue.length);
        hits.push({ slot: 'product', value: raw, raw, confidence, index: c.index });
      }
    };
    if (context.products !== undefined && context.products.length > 0)
      add(flowMatcher(context.products), 0.9);
    add(defaults, 0.7);
    // Flow products first: they are what this flow is about.
    return hits.sort((a, b) => b.confidence - a.confidence || a.index - b.index);
  };
}
