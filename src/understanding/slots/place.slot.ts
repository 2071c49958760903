import { CueMatcher } from '../cue-matcher.js';
import type { SlotVocabulary } from '../understanding-config.js';
import type { SlotExtractor, SlotHit } from './slot-types.js';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Characters that end a place name on the left: prepositions, pronouns, particles. */
const NOT_IN_NAME = new Set('在去到了从我你他她们是个家这那里的和跟被把给说找买办问');
const NAME_CHAR = /[\p{Script=Han}A-Za-z0-9]/u;
const MAX_NAME = 10;

/** Walks left from a suffix ("营业厅") over the place's own name ("朝阳路"). */
function nameStart(text: string, suffixAt: number): number {
  let start = suffixAt;
  while (start > 0 && suffixAt - start < MAX_NAME) {
    const ch = text[start - 1] ?? '';
    if (NOT_IN_NAME.has(ch) || !NAME_CHAR.test(ch)) break;
    start -= 1;
  }
  return start;
}

/** Building, unit and room numbers: 9号楼, 7栋2203, 3单元502室, B座1203, 2号楼3单元. */
const ZH_BUILDING =
  /(?:[\p{Script=Han}]{2,8}?(?:小区|花园|公寓|大厦|家园|苑|村|广场))?(?:[A-Za-z]|\d{1,3})(?:号楼|栋|幢|座|号院)(?:\s*\d{1,2}单元)?(?:\s*\d{1,2}(?:楼|层))?(?:\s*\d{2,5}(?:室|号|房)?)?|(?<![\d])\d{1,2}单元\s*\d{2,5}(?:室|号|房)?|(?<![\d号])\d{3,5}室/gu;
const STREET_TYPES =
  'street|st|road|rd|lane|ln|avenue|ave|close|drive|dr|way|court|ct|place|pl|crescent|terrace|gardens|square|sq|boulevard|blvd|grove|mews|row|parade|hill|park';
/** "flat 4, 9 Mill Lane", "12b Baker Street", "Unit 5, 20 High St": an English street address. */
const EN_ADDRESS = new RegExp(
  `\\b(?:(?:flat|apt\\.?|apartment|unit|suite|no\\.?)\\s*\\d+[a-z]?,?\\s+)?\\d{1,4}[a-z]?,?\\s+(?:[A-Za-z'-]+\\s+){1,3}(?:${STREET_TYPES})\\b\\.?`,
  'giu',
);
/** A number followed by a word that is no street name ("3 days ago Road" is rare; "2 pounds" is not). */
const NOT_STREET_WORD =
  /^\d+[a-z]?,?\s+(?:days?|weeks?|months?|years?|times?|hours?|pounds?|quid|dollars?|items?|of|in|on|at|and|the|a)\b/i;

/** Places: a named store or hall (…营业厅, …店), a city, an online channel (APP, 官网, website). */
export function createPlaceExtractor(vocab: SlotVocabulary): SlotExtractor {
  const zhSuffixes = [...vocab.placeSuffixes.zh].sort((a, b) => b.length - a.length).map(escape);
  const zhStore = new RegExp(`(?:${zhSuffixes.join('|')})(?![员长铺主里面内家])`, 'g');
  const enSuffixes = [...vocab.placeSuffixes.en].sort((a, b) => b.length - a.length).map(escape);
  const enStore = new RegExp(
    `\\b(?:at|in|from|to|visited|was|is|it's|not)\\s+(?:the|your|a)\\s+((?:[A-Z][\\w'&-]*\\s+){1,4}(?:${enSuffixes.join('|')}))\\b`,
    'g',
  );
  const cities = new CueMatcher(vocab.cities);
  const channels = new CueMatcher(vocab.channels);
  return ({ text, lower }) => {
    const hits: SlotHit[] = [];
    for (const m of text.matchAll(ZH_BUILDING)) {
      const raw = m[0].trim();
      hits.push({ slot: 'place', value: raw, raw, confidence: 0.85, index: m.index });
    }
    for (const m of text.matchAll(EN_ADDRESS)) {
      const raw = m[0].trim().replace(/\.$/, '');
      const number =
        /\d{1,4}[a-z]?,?\s+.*/i.exec(
          raw.replace(/^(?:flat|apt\.?|apartment|unit|suite|no\.?)\s*\d+[a-z]?,?\s+/i, ''),
        )?.[0] ?? raw;
      if (NOT_STREET_WORD.test(number)) continue;
      hits.push({ slot: 'place', value: raw, raw, confidence: 0.85, index: m.index });
    }
    for (const m of text.matchAll(zhStore)) {
      const start = nameStart(text, m.index);
      // An unnamed "营业厅" still says where; a bare "店" says too little to keep.
      if (start === m.index && m[0].length < 2) continue;
      const name = text.slice(start, m.index + m[0].length);
      const confidence = start === m.index ? 0.6 : 0.85;
      hits.push({ slot: 'place', value: name, raw: name, confidence, index: start });
    }
    for (const m of text.matchAll(enStore)) {
      const name = (m[1] ?? '').trim();
      hits.push({
        slot: 'place',
        value: name,
        raw: name,
        confidence: 0.8,
        index: m.index + m[0].indexOf(name),
      });
    }
    const inside = (i: number): boolean =>
      hits.some((h) => i >= h.index && i < h.index + h.raw.length);
    for (const c of cities.findAny(lower)) {
      if (inside(c.index)) continue;
      hits.push({
        slot: 'place',
        value: text.slice(c.index, c.index + c.cue.length),
        raw: text.slice(c.index, c.index + c.cue.length),
        confidence: 0.7,
        index: c.index,
      });
    }
    for (const c of channels.findAny(lower)) {
      if (inside(c.index)) continue;
      const raw = text.slice(c.index, c.index + c.cue.length);
      hits.push({
        slot: 'place',
        value: `online:${raw.toLowerCase()}`,
        raw,
        confidence: 0.75,
        index: c.index,
      });
    }
    return hits.sort((a, b) => a.index - b.index);
  };
}
