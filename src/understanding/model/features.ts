import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { Language } from '../../domain/taxonomy.js';
import type { EmotionScores } from '../emotion/lexicon-emotion.js';

let jieba: Jieba | undefined;

/** jieba loads its dictionary once (about 100 ms), and only when a Chinese model is used. */
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

const EN_WORD = /[a-z0-9]+(?:'[a-z]+)?|[!?]/g;
const SPACE = /\s+/g;
/** Lexicon features are few and dense: scaled up so L2 does not shrink them like rare n-grams. */
const LEXICON_SCALE = 2;
const LEXICON_NEUTRAL = 0.6;

/** Sparse feature vector: name → value. */
export type Features = Map<string, number>;

function addScaled(features: Features, names: readonly string[], scale: number): void {
  for (const n of names) features.set(n, (features.get(n) ?? 0) + scale);
}

function chineseNames(text: string): string[] {
  const chars = [...text.replace(SPACE, '')];
  const names: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    names.push(`c:${chars[i] ?? ''}`);
    if (i + 1 < chars.length) names.push(`c:${chars[i] ?? ''}${chars[i + 1] ?? ''}`);
    if (i + 2 < chars.length)
      names.push(`c:${chars[i] ?? ''}${chars[i + 1] ?? ''}${chars[i + 2] ?? ''}`);
  }
  for (const w of segmenter().cut(text, true)) if (w.trim() !== '') names.push(`w:${w}`);
  return names;
}

function englishNames(lower: string): string[] {
  const tokens = lower.replace(/’/g, "'").match(EN_WORD) ?? [];
  const names: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    names.push(`w:${tokens[i] ?? ''}`);
    if (i + 1 < tokens.length) names.push(`b:${tokens[i] ?? ''}_${tokens[i + 1] ?? ''}`);
  }
  return names;
}

/**
 * Character 1–3-grams and jieba words for Chinese, word uni- and bigrams for English, each scaled
 * by 1/√n so long and short messages weigh alike, plus the lexicon's scores as dense features.
 */
export function emotionFeatures(text: string, lang: Language, lexicon: EmotionScores): Features {
  const lower = text.toLowerCase();
  const names = lang === 'zh' ? chineseNames(lower) : englishNames(lower);
  const features: Features = new Map();
  addScaled(features, names, names.length === 0 ? 0 : 1 / Math.sqrt(names.length));
  let top = 'neutral';
  let best = LEXICON_NEUTRAL;
  for (const [emotion, score] of Object.entries(lexicon)) {
    if (score > 0) features.set(`lex:${emotion}`, LEXICON_SCALE * Math.log1p(score));
    if (score > best) {
      best = score;
      top = emotion;
    }
  }
  // The lexicon's own call, so a model trained on little data can lean on it.
  features.set(`lex:top:${top}`, LEXICON_SCALE);
  features.set(`lang:${lang}`, 1);
  return features;
}
