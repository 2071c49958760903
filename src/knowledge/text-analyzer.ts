import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { STOP_WORDS } from './stop-words.js';
import { NO_SYNONYMS, type Synonyms } from './synonyms.js';

/** How Chinese runs are split into words: jieba exact mode (default), jieba search mode, or Intl. */
export type Segmenter = 'jieba-search' | 'jieba' | 'intl';

/** The two term streams retrieval indexes: words (stemmed, stop words dropped) and char n-grams. */
export interface AnalyzedText {
  words: string[];
  grams: string[];
}

export interface TextAnalyzer {
  analyze(text: string): AnalyzedText;
}

let jieba: Jieba | undefined;
/** The jieba dictionary takes ~0.2 s to load, so it is loaded once, on first use. */
function getJieba(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

const intl = new Intl.Segmenter('zh', { granularity: 'word' });
const RUNS = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+(?:'[a-z]+)?)/gu;

/** A light English stemmer: enough to fold plurals and -ing/-ed forms together. */
export function stem(word: string): string {
  let w = word.replace(/'s?$/, '');
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  return w;
}

function segmentHan(run: string, segmenter: Segmenter): string[] {
  if (segmenter === 'intl') return Array.from(intl.segment(run), (s) => s.segment);
  return segmenter === 'jieba' ? getJieba().cut(run, true) : getJieba().cutForSearch(run, true);
}

/** Han n-grams are taken within the stretches between stop words, so 怎么样 matches nothing. */
function pushHanRunGrams(segments: readonly string[], grams: string[], unigrams: boolean): void {
  let stretch = '';
  for (const segment of segments) {
    if (!STOP_WORDS.has(segment)) {
      stretch += segment;
      continue;
    }
    if (stretch !== '') pushHanGrams(stretch, grams, unigrams);
    stretch = '';
  }
  if (stretch !== '') pushHanGrams(stretch, grams, unigrams);
}

function pushHanGrams(run: string, grams: string[], unigrams: boolean): void {
  const chars = [...run];
  if (unigrams || chars.length === 1) grams.push(...chars);
  for (let i = 0; i + 1 < chars.length; i++) grams.push(`${chars[i]}${chars[i + 1]}`);
}

function pushLatinGrams(word: string, grams: string[], min: number, max: number): void {
  const padded = ` ${word} `;
  for (let n = min; n <= max; n++) {
    for (let i = 0; i + n <= padded.length; i++) grams.push(padded.slice(i, i + n));
  }
}

export interface AnalyzerOptions {
  synonyms?: Synonyms;
  segmenter?: Segmenter;
  /** Character n-gram sizes for Latin words (default 3–3: as good as 3–5 on dev, and faster). */
  latinGrams?: readonly [number, number];
  /** Also index single Han characters (车险 ~ 汽车保险 share 车 and 险). */
  hanUnigrams?: boolean;
}

/** NFKC + lowercase + synonym rewriting, then words and n-grams per script run. */
export function createTextAnalyzer(options: AnalyzerOptions = {}): TextAnalyzer {
  const synonyms = options.synonyms ?? NO_SYNONYMS;
  const segmenter = options.segmenter ?? 'jieba';
  const [min, max] = options.latinGrams ?? [3, 3];
  const unigrams = options.hanUnigrams ?? true;
  return {
    analyze(text) {
      const normalised = synonyms.rewrite(text.normalize('NFKC').toLowerCase());
      const words: string[] = [];
      const grams: string[] = [];
      for (const match of normalised.matchAll(RUNS)) {
        const [, han, latin] = match;
        if (han !== undefined) {
          const exact = segmentHan(han, segmenter === 'intl' ? 'intl' : 'jieba');
          const segments = segmenter === 'jieba-search' ? segmentHan(han, segmenter) : exact;
          for (const w of segments) if (!STOP_WORDS.has(w)) words.push(w);
          pushHanRunGrams(exact, grams, unigrams);
        } else if (latin !== undefined) {
          const w = stem(latin);
          if (STOP_WORDS.has(w)) continue;
          words.push(w);
          pushLatinGrams(latin, grams, min, max);
        }
      }
      return { words, grams };
    },
  };
}
