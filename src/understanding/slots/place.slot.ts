import type { CueIndex } from '../cue-index.js';
import { CueMatcher } from '../cue-matcher.js';
import type { SlotVocabulary } from '../understanding-config.js';
import type { SlotExtractor, SlotHit } from './slot-types.js';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Characters that end a place name on the left: prepositions, pronouns, particles. */
const NOT_IN_NAME = new Set('在去到了从我你他她们是个家这那里的和跟被把给说找买办问');
const NAME_CHAR = /[\p{Script=Han}A-Za-z0-9]/u;
const MAX_NAME = 10;

function walkLeft(text: string, from: number): number {
  let start = from;
  while (start > 0 && from - start < MAX_NAME) {
    const ch = text[start - 1] ?? '';
    if (NOT_IN_NAME.has(ch) || !NAME_CHAR.test(ch)) break;
    start -= 1;
  }
  return start;
}

/** A demonstrative between a name and its suffix: "文三路那家店", "人民路那个营业厅". */
const DEMONSTRATIVE = /(?:那家|这家|那个|这个)$/u;

/**
 * Walks left from a suffix ("营业厅") over the place's own name ("朝阳路"), across a demonstrative
 * when a name stands before it. Returns where the name starts and the demonstrative to drop
 * ("那个" is only a measure word; "那家" says which store and stays, as customers say it).
 */
function nameStart(text: string, suffixAt: number): { start: number; drop?: [number, number] } {
  const start = walkLeft(text, suffixAt);
  if (start !== suffixAt) return { start };
  const d = DEMONSTRATIVE.exec(text.slice(Math.max(0, suffixAt - 2), suffixAt));
  if (d === null) return { start };
  const before = walkLeft(text, suffixAt - 2);
  if (before === suffixAt - 2) return { start };
  return d[0].endsWith('个')
    ? { start: before, drop: [suffixAt - 2, suffixAt] }
    : { start: before };
}

/** Building, unit and room numbers: 9号楼, 7栋2203, 3单元502室, B座1203, 2号楼3单元, 9号楼二单元; B2 / 负一层 levels. */
const ZH_BUILDING =
  /(?:[\p{Script=Han}]{2,8}?(?:小区|花园|公寓|大厦|家园|苑|村|广场)(?:[一二三四五六七八九十\d]{1,2}[区期])?|[\p{Script=Han}]{1,8}?(?:路|街|大道|巷|弄)\d{1,4}号)?(?:[A-Za-z]|\d{1,3})(?:号楼|栋|幢|座|号院)(?:\s*(?:\d{1,2}|[一二三四五六七八九十])单元)?(?:\s*(?:\d{1,2}|[一二三四五六七八九十])(?:楼|层))?(?:\s*\d{2,5}(?:室|号|房)?)?|(?<![\d])\d{1,2}单元\s*\d{2,5}(?:室|号|房)?|(?<![\d号])\d{3,5}室|(?<![A-Za-z0-9])(?:地下)?(?:B[1-5]|负[一二三四五]层)(?:层)?(?![A-Za-z0-9])/gu;
/**
 * How a customer introduces an address ("地址是", "我家地址：", "住址在", "详细地址为", "住在"): the
 * words say what follows, they are not part of the place.
 */
const ZH_ADDRESS_LABEL =
  /^(?:(?:我|我们)?(?:家|的)?(?:详细|具体|家庭|收货|安装|上门)?(?:地址|住址|地点|位置)\s*(?:是|为|在|:|：)?|(?:我|我们)?(?:家)?(?:住在|住|家在|位于|就在))\s*/u;

/** A named English building or estate: "Riverside Court", "Harbour View Mansion". */
const EN_BUILDING =
  /\b(?:(?:[Ff]lat|[Aa]pt\.?|[Aa]partment|[Uu]nit|[Rr]oom|[Ss]uite)\s*\d+[A-Za-z]?,?\s+)?(?:[A-Z][a-z']+\s+){1,3}(?:Court|House|Tower|Towers|Mansions?|Heights|Building|Plaza|Estate|Apartments|Lodge|Hall)\b/g;
/** ", Sydney", ", Tsim Sha Tsui": a district or town after an address, all capitalised words. */
const EN_AREA_TAIL = /^,\s*((?:[A-Z][a-z']+)(?:\s+[A-Z][a-z']+){0,2})(?![\w'])/;
const NOT_AREA = new Set([
  'The',
  'I',
  'It',
  'My',
  'But',
  'And',
  'So',
  'Please',
  'Thanks',
  'Cheers',
]);
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

/** "发抖音曝光你们", "post it on Facebook": the platform of a threat is where they will post, not where it happened. */
const POSTED_TO =
  /(?:发|发到|发在|挂到|挂在|曝光到|曝光在|post(?:ing)?(?: (?:it|this|that))?\s+(?:on|to)|put (?:it|this) on)\s*$/u;

/** Places: a named store or hall (…营业厅, …店), a city, an online channel (APP, 官网, website). */
export function createPlaceExtractor(vocab: SlotVocabulary, index?: CueIndex): SlotExtractor {
  const zhSuffixes = [...vocab.placeSuffixes.zh].sort((a, b) => b.length - a.length).map(escape);
  const zhStore = new RegExp(`(?:${zhSuffixes.join('|')})(?![员长铺主里面内家])`, 'g');
  const enSuffixes = [...vocab.placeSuffixes.en].sort((a, b) => b.length - a.length).map(escape);
  const enStore = new RegExp(
    `\\b(?:[Tt]he|[Yy]our|a)\\s+((?:[A-Z][\\w'&-]*\\s+){1,4}(?:${enSuffixes.join('|')}))\\b`,
    'g',
  );
  const cities = new CueMatcher(vocab.cities, index);
  const channels = new CueMatcher(vocab.channels, index);
  return ({ text, lower }) => {
    const hits: SlotHit[] = [];
    for (const m of text.matchAll(ZH_BUILDING)) {
      const label = ZH_ADDRESS_LABEL.exec(m[0])?.[0] ?? '';
      const raw = m[0].slice(label.length).trim();
      if (raw === '') continue;
      const index = m.index + label.length;
      hits.push({ slot: 'place', value: raw, raw, confidence: 0.85, index });
    }
    const withArea = (index: number, raw: string): string => {
      const tail = EN_AREA_TAIL.exec(text.slice(index + raw.length));
      const area = tail?.[1];
      return area === undefined || NOT_AREA.has(area.split(' ')[0] ?? '') ? raw : `${raw}, ${area}`;
    };
    for (const m of text.matchAll(EN_ADDRESS)) {
      const raw = m[0].trim().replace(/\.$/, '');
      const number =
        /\d{1,4}[a-z]?,?\s+.*/i.exec(
          raw.replace(/^(?:flat|apt\.?|apartment|unit|suite|no\.?)\s*\d+[a-z]?,?\s+/i, ''),
        )?.[0] ?? raw;
      if (NOT_STREET_WORD.test(number)) continue;
      const value = withArea(m.index, raw);
      hits.push({ slot: 'place', value, raw: value, confidence: 0.85, index: m.index });
    }
    for (const m of text.matchAll(EN_BUILDING)) {
      if (hits.some((h) => m.index >= h.index && m.index < h.index + h.raw.length)) continue;
      const value = withArea(m.index, m[0]);
      hits.push({ slot: 'place', value, raw: value, confidence: 0.8, index: m.index });
    }
    for (const m of text.matchAll(zhStore)) {
      const { start, drop } = nameStart(text, m.index);
      // An unnamed "营业厅" still says where; a bare "店" says too little to keep.
      if (start === m.index && m[0].length < 2) continue;
      const raw = text.slice(start, m.index + m[0].length);
      const name =
        drop === undefined
          ? raw
          : text.slice(start, drop[0]) + text.slice(drop[1], start + raw.length);
      const confidence = start === m.index ? 0.6 : 0.85;
      hits.push({ slot: 'place', value: name, raw, confidence, index: start });
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
      if (inside(c.index) || POSTED_TO.test(lower.slice(Math.max(0, c.index - 12), c.index)))
        continue;
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
