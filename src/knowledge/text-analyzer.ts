import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { STOP_WORDS } from './stop-words.js';
import { NO_SYNONYMS, type Synonyms } from './synonyms.js';

/** How Chinese runs are split into words: jieba search mode (default), jieba exact, or Intl. */
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
const RUNS = /(\p{Script=Han}+)|([\p{L}\p{N}]+(?:'[\p{L}]+)?)/gu;

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

function pushHanGrams(run: string, grams: string[]): void {
  const chars = [...run];
  if (chars.length === 1) grams.push(run);
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
  /** Character n-gram sizes for Latin words (default 3–5). */
  latinGrams?: readonly [number, number];
}

/** NFKC + lowercase + synonym rewriting, then words and n-grams per script run. */
export function createTextAnalyzer(options: AnalyzerOptions = {}): TextAnalyzer {
  const synonyms = options.synonyms ?? NO_SYNONYMS;
  const segmenter = options.segmenter ?? 'jieba-search';
  const [min, max] = options.latinGrams ?? [3, 5];
  return {
    analyze(text) {
      const normalised = synonyms.rewrite(text.normalize('NFKC').toLowerCase());
      const words: string[] = [];
      const grams: string[] = [];
      for (const match of normalised.matchAll(RUNS)) {
        const [, han, latin] = match;
        if (han !== undefined) {
          for (const w of segmentHan(han, segmenter)) if (!STOP_WORDS.has(w)) words.push(w);
          pushHanGrams(han, grams);
        } else if (latin !== undefined) {
          const w = stem(latin);
          if (!STOP_WORDS.has(w)) words.push(w);
          pushLatinGrams(latin, grams, min, max);
        }
      }
      return { words, grams };
    },
  };
}
