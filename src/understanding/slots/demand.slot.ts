import { CueMatcher } from '../cue-matcher.js';
import type { SlotVocabulary } from '../understanding-config.js';
import type { SlotExtractor } from './slot-types.js';

/** What the customer wants — refund, apology, compensation, fix, explanation, cancellation — in the order said. */
export function createDemandExtractor(vocab: SlotVocabulary): SlotExtractor {
  const matchers = Object.entries(vocab.demands).map(([demand, cues]) => ({
    demand,
    matcher: new CueMatcher(cues),
  }));
  return ({ text, lower }) => {
    const found: Array<{ demand: string; index: number; raw: string }> = [];
    for (const { demand, matcher } of matchers) {
      const hit = matcher.findAny(lower)[0];
      if (hit !== undefined)
        found.push({
          demand,
          index: hit.index,
          raw: text.slice(hit.index, hit.index + hit.cue.length),
        });
    }
    if (found.length === 0) return [];
    found.sort((a, b) => a.index - b.index);
    return [
      {
        slot: 'demand',
        value: found.map((f) => f.demand).join(','),
        raw: found.map((f) => f.raw).join(' / '),
        confidence: 0.85,
        index: found[0]?.index ?? 0,
      },
    ];
  };
}
