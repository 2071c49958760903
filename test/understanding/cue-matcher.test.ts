import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../src/domain/taxonomy.js';
import { CueIndex } from '../../src/understanding/cue-index.js';
import {
  CueMatcher,
  escapeRegExp,
  type CueHit,
  type CueList,
} from '../../src/understanding/cue-matcher.js';
import { loadUnderstandingConfig } from '../../src/understanding/understanding-config.js';

/** The matcher this index replaced: one alternation regex per list, longest cue first. */
function alternation(cues: readonly string[]): RegExp | undefined {
  if (cues.length === 0) return undefined;
  const body = [...new Set(cues.map((c) => c.toLowerCase()))]
    .sort((a, b) => b.length - a.length)
    .map((c) => {
      const head = /^[a-z0-9]/i.test(c) ? '(?<![a-z0-9])' : '';
      const tail = /[a-z0-9]$/i.test(c) ? '(?![a-z0-9])' : '';
      return `${head}${escapeRegExp(c)}${tail}`;
    })
    .join('|');
  return new RegExp(body, 'gu');
}

function regexHits(re: RegExp | undefined, lower: string): CueHit[] {
  if (re === undefined) return [];
  return [...lower.matchAll(re)].map((m) => ({ cue: m[0], index: m.index }));
}

/** Every cue list in the shipped data: anything shaped { zh: string[], en: string[] }. */
function cueListsIn(value: unknown, out: CueList[] = []): CueList[] {
  if (Array.isArray(value)) {
    for (const v of value) cueListsIn(v, out);
  } else if (typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>;
    const isList = (x: unknown): x is string[] =>
      Array.isArray(x) && x.every((s) => typeof s === 'string');
    if (isList(o.zh) && isList(o.en)) out.push({ zh: o.zh, en: o.en });
    else for (const v of Object.values(o)) cueListsIn(v, out);
  }
  return out;
}

const LISTS = cueListsIn(loadUnderstandingConfig());
const VOCABULARY = [
  ...new Set(LISTS.flatMap((l) => [...l.zh, ...l.en]).map((c) => c.toLowerCase())),
];

describe('CueMatcher on a shared CueIndex', () => {
  it('finds the shipped cue lists', () => {
    expect(LISTS.length).toBeGreaterThan(50);
    expect(VOCABULARY.length).toBeGreaterThan(1000);
  });

  it('matches leftmost, then longest, without overlaps, and keeps word boundaries', () => {
    const index = new CueIndex();
    const m = new CueMatcher(
      { zh: ['不是', '不是的', 'app', '12315'], en: ['sb', 'not', 'not right'] },
      index,
    );
    expect(m.find('这不是的app啊', 'zh')).toEqual([
      { cue: '不是的', index: 1 },
      { cue: 'app', index: 4 },
    ]);
    expect(m.find('打了123150没用,打了12315', 'zh')).toEqual([{ cue: '12315', index: 13 }]);
    expect(m.find('asbestos, sb! not rightly', 'en')).toEqual([
      { cue: 'sb', index: 10 },
      { cue: 'not', index: 14 },
    ]);
    expect(m.has('whatsapp', 'zh')).toBe(false);
    expect(m.hasAny('你是sb')).toBe(true);
    expect(m.findAny('not right,不是')).toEqual([
      { cue: 'not right', index: 0 },
      { cue: '不是', index: 10 },
    ]);
  });

  it('gives every list of one index its own hits from one scan', () => {
    const index = new CueIndex();
    const a = new CueMatcher({ zh: ['退款'], en: ['refund'] }, index);
    const b = new CueMatcher({ zh: ['退款单'], en: [] }, index);
    const text = '退款单号 refund';
    expect(a.find(text, 'zh')).toEqual([{ cue: '退款', index: 0 }]);
    expect(b.find(text, 'zh')).toEqual([{ cue: '退款单', index: 0 }]);
    expect(b.find(text, 'en')).toEqual([]);
    expect(a.find(text, 'en')).toEqual([{ cue: 'refund', index: 5 }]);
  });

  it('agrees with the alternation regexes on random texts from the cue vocabulary', () => {
    const index = new CueIndex();
    const matchers = LISTS.map((l) => ({
      list: l,
      matcher: new CueMatcher(l, index),
      zh: alternation(l.zh),
      en: alternation(l.en),
      any: alternation([...l.zh, ...l.en]),
    }));
    const piece = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...VOCABULARY) },
      // Cues cut short or run into letters and digits: where boundaries and prefixes matter.
      { weight: 2, arbitrary: fc.constantFrom(...VOCABULARY).map((c) => c.slice(0, -1)) },
      {
        weight: 2,
        arbitrary: fc.constantFrom(' ', ',', '。', 'a', 's', '1', '0', '的', '不', "'", '😡', '-'),
      },
      { weight: 1, arbitrary: fc.string({ maxLength: 4 }).map((s) => s.toLowerCase()) },
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 24 }),
        fc.integer({ min: 0, max: 1 << 30 }),
        (parts, seed) => {
          const text = parts.join('');
          // Every list, every call, on a sample of the matchers per text (all of them would be slow).
          for (let k = 0; k < 12; k++) {
            const m = matchers[(seed + k * 7919) % matchers.length];
            if (m === undefined) continue;
            for (const lang of ['zh', 'en'] as Language[]) {
              const expected = regexHits(lang === 'zh' ? m.zh : m.en, text);
              expect(m.matcher.find(text, lang)).toEqual(expected);
              expect(m.matcher.has(text, lang)).toBe(expected.length > 0);
              expect(m.matcher.count(text, lang)).toBe(expected.length);
            }
            const any = regexHits(m.any, text);
            expect(m.matcher.findAny(text)).toEqual(any);
            expect(m.matcher.hasAny(text)).toBe(any.length > 0);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('keeps answering right while texts take turns in its cache of recent scans', () => {
    const index = new CueIndex();
    const list = { zh: ['退款', '退款单', '投诉'], en: ['refund', 'complaint'] };
    const matcher = new CueMatcher(list, index);
    const texts = Array.from(
      { length: 12 },
      (_, i) => `${'退款单投诉'.slice(i % 5)}${i} refund ${'complaint'.repeat(i % 3)}`,
    );
    for (let round = 0; round < 3; round++) {
      for (const text of [...texts, ...texts.slice(0, 5).reverse()]) {
        expect(matcher.find(text, 'zh')).toEqual(regexHits(alternation(list.zh), text));
        expect(matcher.find(text, 'en')).toEqual(regexHits(alternation(list.en), text));
      }
    }
  });

  it('agrees with the regexes for every list on texts made of that list', () => {
    for (const list of LISTS) {
      const matcher = new CueMatcher(list);
      const cues = [...list.zh, ...list.en].map((c) => c.toLowerCase());
      // Each cue with its neighbours glued on, and each cue with a letter on both sides.
      const text = cues.join('') + ' ' + cues.map((c) => `x${c}1`).join(' ');
      expect(matcher.find(text, 'zh')).toEqual(regexHits(alternation(list.zh), text));
      expect(matcher.find(text, 'en')).toEqual(regexHits(alternation(list.en), text));
      expect(matcher.findAny(text)).toEqual(regexHits(alternation(cues), text));
    }
  });
});
