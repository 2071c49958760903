import type { CueIndex } from '../cue-index.js';
import { CueMatcher } from '../cue-matcher.js';
import type { SlotVocabulary } from '../understanding-config.js';
import type { SlotExtractor, SlotHit } from './slot-types.js';

/**
 * The phone the customer speaks from is no product: "我手机上收到短信", "手机里的APP", "打我手机",
 * "rep on the phone", "texted my phone". What the complaint is about is the thing that failed or
 * was charged for; the device only carries the message.
 */
const DEVICE = /^(?:手机|phone|mobile)$/i;
const MEDIUM_AFTER =
  /^\s*(?:上|里|收到|号|短信|打|发|显示|提示|一直收到|\s?(?:screen|notification|app)\b)/iu;
const MEDIUM_BEFORE =
  /(?:打我|用|拿|在|通过|给我|on (?:the|my)|over the|by|from (?:my|the)|to my|texted my|called my|rang my)\s*(?:的)?$/iu;
/** "有个校信通业务", "开了个什么彩铃业务": a service named before 业务 the vocabulary does not know. */
const NAMED_SERVICE =
  /(?<=[个了的通开订])((?:[A-Za-z]|[^\P{Script=Han}了个的是什么这那些有哪])[\p{Script=Han}A-Za-z]{1,5}?)(?:业务|服务)(?![费员])/gu;
const NOT_A_SERVICE = /^(?:什么|这个|那个|增值|相关|其他|别的|一个|客服|售后|人工|您的|你们)$/u;

/**
 * Products named in the flow's vocabulary (`context.products`, preferred) or the default one.
 * Flow vocabularies change per conversation, so their matcher is cached per list.
 */
export function createProductExtractor(vocab: SlotVocabulary, index?: CueIndex): SlotExtractor {
  const defaults = new CueMatcher(vocab.products, index);
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
        const medium =
          DEVICE.test(raw) &&
          (MEDIUM_AFTER.test(text.slice(c.index + raw.length, c.index + raw.length + 12)) ||
            MEDIUM_BEFORE.test(text.slice(Math.max(0, c.index - 10), c.index)));
        hits.push({
          slot: 'product',
          value: raw,
          raw,
          confidence: medium ? 0.3 : confidence,
          index: c.index,
        });
      }
    };
    if (context.products !== undefined && context.products.length > 0)
      add(flowMatcher(context.products), 0.9);
    add(defaults, 0.7);
    for (const m of text.matchAll(NAMED_SERVICE)) {
      const name = m[1] ?? '';
      if (
        NOT_A_SERVICE.test(name) ||
        hits.some((h) => h.index <= m.index && m.index < h.index + h.raw.length)
      )
        continue;
      hits.push({ slot: 'product', value: name, raw: name, confidence: 0.6, index: m.index });
    }
    // A device that only carries the message is kept only when nothing else is named.
    const kept = hits.some((h) => h.confidence > 0.3) ? hits.filter((h) => h.confidence > 0.3) : [];
    // Flow products first: they are what this flow is about.
    return kept.sort((a, b) => b.confidence - a.confidence || a.index - b.index);
  };
}
