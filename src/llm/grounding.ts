import type { Language } from '../domain/taxonomy.js';
import {
  CHINESE_NUMERAL_CHARS,
  parseChineseNumber,
} from '../understanding/slots/chinese-number.js';
import { ENGLISH_NUMBER, parseEnglishNumber } from '../understanding/slots/english-number.js';
import { checkReplyPolicy, type PolicyViolation, type ReplyPolicy } from './reply-policy.js';

/**
 * Checks that generated text adds no facts to its sources: the guard every LLM feature runs before
 * its output reaches a customer or an agent. Conservative: a fact written differently from its
 * source ("2026年11月24日" vs "11/24") is rejected, and the caller falls back to offline text.
 */

const URL = /\bhttps?:\/\/[^\s<>"'，。；！？)）]+|\bwww\.[^\s<>"'，。；！？)）]+/gi;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
/** Digits with letters around them: amounts, times, dates, phones, order and staff numbers. */
const TOKEN = /[A-Za-z]*\d[\dA-Za-z]*(?:[.:/-]\d[\dA-Za-z]*)*/g;
/** Thousands separators: "1,000" is 1000. */
const THOUSANDS = /(?<=\d),(?=\d{3}(?!\d))/g;
/** A phone number written in groups: "138 0013 8000", "021-6234-5678". */
const GROUPED_PHONE = /(?<!\d)(\d{3,4})[ -](\d{3,4})[ -](\d{4})(?!\d)/g;
/** A Chinese numeral counts only before a measure word, so 一定 / 一下 are not numbers. */
const ZH_NUMBER = new RegExp(
  `[${CHINESE_NUMERAL_CHARS}]+(?=\\s*个?\\s*(?:工作日|小时|分钟|天|日|周|星期|月|年|元|块|角|次|倍|折|号|位|条|件|%))`,
  'g',
);
const EN_NUMBER = new RegExp(
  `\\b(${ENGLISH_NUMBER})\\s+(?:business\\s+|working\\s+)?(?:hours?|days?|weeks?|months?|years?|minutes?|times?|dollars?|yuan)\\b`,
  'gi',
);
const TITLE = '经理|主管|师傅|先生|女士|小姐|店长|组长|工程师|老师|专员|客服';
/** A surname-like character before a title: 张经理, 王师傅 (not 的经理, 该客服). */
const ZH_PERSON = new RegExp(`([\\p{Script=Han}])(?:${TITLE})`, 'gu');
const NOT_A_NAME = new Set(
  '的位该名个这那此其每各贵本户店们和与及或给向找跟是有人工线在'.split(''),
);
const EN_PERSON = /\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z][\w'-]+/g;

/** A fact found in text, in a form comparable across texts. */
export interface Fact {
  kind: 'url' | 'email' | 'number' | 'person';
  /** As written in the generated text, for logs. */
  text: string;
}

function normalizeToken(token: string): string {
  return token.replace(/[.:/-]+$/, '').toLowerCase();
}

/** Every fact a text states: URLs, emails, numbers (with their parts), and titled person names. */
function factKeys(text: string): Map<string, Fact> {
  const facts = new Map<string, Fact>();
  const add = (key: string, fact: Fact): void => {
    if (!facts.has(key)) facts.set(key, fact);
  };
  let rest = text;
  for (const m of text.matchAll(URL)) {
    const url = m[0].replace(/[.,;:!?]+$/, '');
    add(`url:${url.toLowerCase()}`, { kind: 'url', text: url });
    rest = rest.replace(m[0], ' ');
  }
  for (const m of rest.matchAll(EMAIL)) {
    add(`email:${m[0].toLowerCase()}`, { kind: 'email', text: m[0] });
  }
  rest = rest.replace(EMAIL, ' ').replace(THOUSANDS, '').replace(GROUPED_PHONE, '$1$2$3');
  for (const m of rest.matchAll(TOKEN)) {
    add(`number:${normalizeToken(m[0])}`, { kind: 'number', text: m[0] });
  }
  for (const m of rest.matchAll(ZH_NUMBER)) {
    // A lone 一 is mostly an article (一位专员, 一次); a promise of 一天内 or 一元 is the policy guard's job.
    const value = m[0] === '一' ? undefined : parseChineseNumber(m[0]);
    if (value !== undefined) add(`number:${String(value)}`, { kind: 'number', text: m[0] });
  }
  for (const m of rest.matchAll(EN_NUMBER)) {
    const value = parseEnglishNumber(m[1] ?? '');
    if (value !== undefined) add(`number:${String(value)}`, { kind: 'number', text: m[0] });
  }
  for (const m of rest.matchAll(ZH_PERSON)) {
    if (!NOT_A_NAME.has(m[1] ?? '')) add(`person:${m[0]}`, { kind: 'person', text: m[0] });
  }
  for (const m of rest.matchAll(EN_PERSON)) {
    add(`person:${m[0].replace(/\.\s*|\s+/g, ' ')}`, { kind: 'person', text: m[0] });
  }
  return facts;
}

/** The keys a source supports: its facts, plus each part of a compound number ("2026-11-24" → 2026, 11, 24). */
function supportedKeys(sources: readonly string[]): Set<string> {
  const keys = new Set<string>();
  for (const source of sources) {
    for (const [key, fact] of factKeys(source)) {
      keys.add(key);
      if (fact.kind !== 'number') continue;
      for (const part of key.slice('number:'.length).split(/[:/-]/)) keys.add(`number:${part}`);
    }
  }
  return keys;
}

/**
 * Facts in `text` that none of `sources` states. A compound number in the text is supported when
 * every part is ("11-24" from "11月24日"); a Chinese numeral before a measure word counts as its value.
 */
export function unsupportedFacts(text: string, sources: readonly string[]): Fact[] {
  const supported = supportedKeys(sources);
  return [...factKeys(text)].flatMap(([key, fact]) => {
    if (supported.has(key)) return [];
    const parts = fact.kind === 'number' ? key.slice('number:'.length).split(/[:/-]/) : [];
    return parts.length > 1 && parts.every((p) => supported.has(`number:${p}`)) ? [] : [fact];
  });
}

const compact = (text: string): string => text.replace(/\s+/g, '').toLowerCase();

/**
 * Policy violations (checkReplyPolicy) in `text` that the sources do not make themselves: a
 * generated text may repeat a promise its scripted reply or cited passage makes, word for word.
 */
export function uncoveredViolations(
  text: string,
  policy: ReplyPolicy,
  sources: readonly string[],
): PolicyViolation[] {
  const check = checkReplyPolicy(text, policy);
  if (check.ok) return [];
  const source = compact(sources.join('\n'));
  return check.violations.filter((v) => !source.includes(compact(v.span)));
}

const HAN = /\p{Script=Han}/gu;
const LATIN = /[A-Za-z]/g;

/**
 * Whether text is written in `lang`: Chinese text is mostly Han among its letters; English text
 * has no more Han characters than its sources (a customer's Chinese name or address may be quoted).
 */
export function fitsLanguage(
  text: string,
  lang: Language,
  sources: readonly string[] = [],
): boolean {
  const han = text.match(HAN)?.length ?? 0;
  if (lang === 'zh') {
    const words = text.replace(URL, ' ').replace(EMAIL, ' ').replace(TOKEN, ' ');
    return han > 0 && han >= (words.match(LATIN)?.length ?? 0);
  }
  const allowed = Math.max(0, ...sources.map((s) => s.match(HAN)?.length ?? 0));
  return han <= allowed;
}
