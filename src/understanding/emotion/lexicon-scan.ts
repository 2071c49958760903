import type { LexCandidate, LexiconIndex, ScoredEmotion } from './lexicon-index.js';

/** One emotion entry found in the text, with the modifiers that reach it. */
export interface LexHit {
  emotion: ScoredEmotion;
  weight: number;
  factor: number;
  negated: boolean;
}

/** What ends a Chinese clause: , ， 。 . ! ！ ? ？ ; ； ~ 、 and whitespace (the `\s` of a regex). */
const ZH_CLAUSE_BREAK = new Set(
  [...',，。.!！?？;；~、', ...'\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff'].map(
    (c) => c.charCodeAt(0),
  ),
);

/** Whether a UTF-16 code unit ends a clause; tested on the code, without making a string of it. */
export function isZhClauseBreak(code: number): boolean {
  return ZH_CLAUSE_BREAK.has(code) || (code >= 0x2000 && code <= 0x200a);
}
/** How far back (in characters / tokens) a negation or degree word still applies. */
const NONE: readonly LexCandidate[] = [];
const ZH_REACH = 3;
const EN_REACH = 3;
const CONTRAST_BOOST = 1.3;
/** A clause that ends in a question particle within this many characters asks, it does not deny. */
const RHETORICAL_REACH = 14;
const RHETORICAL_TAIL = /^[^,，。.!！?？;；~、\s]{1,12}[吗嘛么](?![^,，。.!！?？;；~、\s])/u;
/** What is left of what came before a 但是/but: the customer's point follows it. */
const BEFORE_CONTRAST = 0.5;

function damp(hits: LexHit[]): void {
  for (const h of hits) h.factor *= BEFORE_CONTRAST;
}

interface Pending {
  negatedAt: number;
  degree: number;
  degreeAt: number;
  afterContrast: boolean;
}

function reset(p: Pending): void {
  p.negatedAt = -Infinity;
  p.degree = 1;
  p.degreeAt = -Infinity;
}

function hitAt(
  p: Pending,
  pos: number,
  reach: number,
  entry: { emotion: ScoredEmotion; weight: number },
): LexHit {
  const negated = pos - p.negatedAt <= reach;
  const degree = pos - p.degreeAt <= reach ? p.degree : 1;
  const factor = degree * (p.afterContrast ? CONTRAST_BOOST : 1);
  return { emotion: entry.emotion, weight: entry.weight, factor, negated };
}

/** Greedy longest-match scan over characters (Chinese text and emoji). */
export function scanChinese(lower: string, index: LexiconIndex): LexHit[] {
  const hits: LexHit[] = [];
  const p: Pending = { negatedAt: -Infinity, degree: 1, degreeAt: -Infinity, afterContrast: false };
  let i = 0;
  while (i < lower.length) {
    if (isZhClauseBreak(lower.charCodeAt(i))) reset(p);
    const cps = lower.codePointAt(i) ?? 0;
    let found: LexCandidate | undefined;
    for (const c of index.candidatesOf(cps) ?? NONE) {
      if (lower.startsWith(c.key, i)) {
        found = c;
        break;
      }
    }
    if (found === undefined) {
      i += cps > 0xffff ? 2 : 1;
      continue;
    }
    const e = found.entry;
    const end = i + found.key.length;
    if (e.kind === 'negation') {
      if (!(e.rhetorical && RHETORICAL_TAIL.test(lower.slice(end, end + RHETORICAL_REACH))))
        p.negatedAt = end;
    } else if (e.kind === 'degree') {
      p.degree = e.factor;
      p.degreeAt = end;
    } else if (e.kind === 'contrast') {
      reset(p);
      damp(hits);
      p.afterContrast = true;
    } else hits.push(hitAt(p, i, ZH_REACH, e));
    i = end;
  }
  return hits;
}

/** Words, contractions, emoticons, and the punctuation that ends a negation's reach ("no food. fuming"). */
const EN_TOKEN = /[a-z0-9]+(?:['’][a-z]+)*|[:;][-']?[()dp]|<3|[?!.,;]/g;
const EN_BREAK = new Set(['?', '!', '.', ',', ';']);

function wordsAt(tokens: readonly string[], at: number, words: readonly string[]): boolean {
  for (let k = 0; k < words.length; k++) if (tokens[at + k] !== words[k]) return false;
  return true;
}

/** Greedy longest-phrase scan over English tokens (words, contractions, emoticons). */
export function scanEnglish(lower: string, index: LexiconIndex): LexHit[] {
  const tokens = lower.replace(/’/g, "'").match(EN_TOKEN) ?? [];
  const hits: LexHit[] = [];
  const p: Pending = { negatedAt: -Infinity, degree: 1, degreeAt: -Infinity, afterContrast: false };
  let i = 0;
  while (i < tokens.length) {
    const tok = tokens[i] ?? '';
    if (EN_BREAK.has(tok)) {
      reset(p);
      i += 1;
      continue;
    }
    let entry: LexCandidate | undefined;
    for (const c of index.candidates(tok) ?? NONE) {
      if (wordsAt(tokens, i, c.words)) {
        entry = c;
        break;
      }
    }
    if (entry === undefined) {
      i += 1;
      continue;
    }
    const e = entry.entry;
    const end = i + entry.words.length;
    if (e.kind === 'negation') p.negatedAt = end;
    else if (e.kind === 'degree') {
      p.degree = e.factor;
      p.degreeAt = end;
    } else if (e.kind === 'contrast') {
      reset(p);
      damp(hits);
      p.afterContrast = true;
    } else hits.push(hitAt(p, i, EN_REACH, e));
    i = end;
  }
  return hits;
}
