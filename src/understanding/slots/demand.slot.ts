import type { CueIndex } from '../cue-index.js';
import { CueMatcher } from '../cue-matcher.js';
import type { SlotVocabulary } from '../understanding-config.js';
import type { SlotExtractor } from './slot-types.js';

/** A demand word right after these is turned down: "不是要赔偿", "I don't want compensation". */
const NEGATED_BEFORE =
  /(?:不是要?|不要|不用|不需要|不想要?|别|没要|并非|而不是|don'?t want|do not want|not (?:asking for|after|looking for)|no need for|not)\s*(?:the\s|a\s|an\s|你们)?$/iu;
/** A demand word inside a noun names a thing, not a wish: 维修基金, 维修师傅, 退款单号. */
const NOUN_AFTER = /^(?:费|基金|工|员|师傅|点|中心|单|记录|进度|流程|政策|电话|热线)/u;

/** What the customer wants — refund, apology, compensation, fix, explanation, cancellation — in the order said. */
export function createDemandExtractor(vocab: SlotVocabulary, index?: CueIndex): SlotExtractor {
  const matchers = Object.entries(vocab.demands).map(([demand, cues]) => ({
    demand,
    matcher: new CueMatcher(cues, index),
  }));
  return ({ text, lower }) => {
    const found: Array<{ demand: string; index: number; raw: string }> = [];
    for (const { demand, matcher } of matchers) {
      const hit = matcher.findAny(lower).find((h) => {
        const before = lower.slice(Math.max(0, h.index - 16), h.index);
        const after = lower.slice(h.index + h.cue.length, h.index + h.cue.length + 2);
        return !NEGATED_BEFORE.test(before) && !NOUN_AFTER.test(after);
      });
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
