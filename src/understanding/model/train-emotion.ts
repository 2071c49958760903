import { EMOTIONS, type Emotion, type Language } from '../../domain/taxonomy.js';
import type { EmotionScores } from '../emotion/lexicon-emotion.js';
import { EmotionModel, softmax } from './emotion-model.js';
import { emotionFeatures, type Features } from './features.js';

export interface TrainingExample {
  text: string;
  label: Emotion;
}

export interface TrainOptions {
  /** Reads language and lexicon scores the same way the offline backend will at prediction time. */
  read: (text: string) => { lang: Language; scores: EmotionScores };
  epochs?: number;
  learningRate?: number;
  l2?: number;
  /** Weight classes by inverse frequency so rare emotions are not drowned (macro-F1 matters). */
  balanced?: boolean;
  seed?: number;
  source?: string;
}

/** Deterministic shuffle (mulberry32) so training is reproducible. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let s = seed >>> 0;
  const rand = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const K = EMOTIONS.length;
const PRUNE_BELOW = 1e-4;

/**
 * Multinomial logistic regression trained with AdaGrad and L2 on the offline backend's features.
 * Small data (a company's own few thousand lines) trains in seconds.
 */
export function trainEmotionModel(
  examples: readonly TrainingExample[],
  options: TrainOptions,
): EmotionModel {
  if (examples.length === 0) throw new Error('no training examples');
  const epochs = options.epochs ?? 12;
  const lr = options.learningRate ?? 0.4;
  const l2 = options.l2 ?? 1e-4;
  const languages = new Set<Language>();
  const rows: Array<{ x: Features; y: number; w: number }> = [];
  const counts = new Array<number>(K).fill(0);
  for (const ex of examples) {
    const k = EMOTIONS.indexOf(ex.label);
    counts[k] = (counts[k] ?? 0) + 1;
  }
  const present = counts.filter((c) => c > 0).length;
  for (const ex of examples) {
    const { lang, scores } = options.read(ex.text);
    languages.add(lang);
    const y = EMOTIONS.indexOf(ex.label);
    const w = options.balanced === false ? 1 : examples.length / (present * (counts[y] ?? 1));
    rows.push({ x: emotionFeatures(ex.text, lang, scores), y, w });
  }
  const weights = new Map<string, Float64Array>();
  const grads = new Map<string, Float64Array>();
  const bias = new Float64Array(K);
  const biasGrad = new Float64Array(K).fill(1e-8);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const row of shuffled(rows, (options.seed ?? 7) + epoch)) {
      const scores = Array.from(bias);
      for (const [name, v] of row.x) {
        const w = weights.get(name);
        if (w !== undefined)
          for (let k = 0; k < K; k++) scores[k] = (scores[k] ?? 0) + (w[k] ?? 0) * v;
      }
      const probs = softmax(scores);
      for (let k = 0; k < K; k++) {
        const g = ((probs[k] ?? 0) - (k === row.y ? 1 : 0)) * row.w;
        biasGrad[k] = (biasGrad[k] ?? 0) + g * g;
        bias[k] = (bias[k] ?? 0) - (lr * g) / Math.sqrt(biasGrad[k] ?? 1);
      }
      for (const [name, v] of row.x) {
        let w = weights.get(name);
        let gsum = grads.get(name);
        if (w === undefined || gsum === undefined) {
          w = new Float64Array(K);
          gsum = new Float64Array(K).fill(1e-8);
          weights.set(name, w);
          grads.set(name, gsum);
        }
        for (let k = 0; k < K; k++) {
          const g = ((probs[k] ?? 0) - (k === row.y ? 1 : 0)) * row.w * v + l2 * (w[k] ?? 0);
          gsum[k] = (gsum[k] ?? 0) + g * g;
          w[k] = (w[k] ?? 0) - (lr * g) / Math.sqrt(gsum[k] ?? 1);
        }
      }
    }
  }
  const out: Record<string, number[]> = {};
  for (const [name, w] of weights) {
    if (w.some((x) => Math.abs(x) >= PRUNE_BELOW))
      out[name] = Array.from(w, (x) => Math.round(x * 1e4) / 1e4);
  }
  return new EmotionModel({
    format: 'qingting-emotion-linear/1',
    labels: [...EMOTIONS],
    languages: [...languages],
    bias: Array.from(bias, (x) => Math.round(x * 1e4) / 1e4),
    weights: out,
    trainedOn: {
      examples: examples.length,
      source: options.source ?? 'unspecified',
      createdAt: new Date().toISOString(),
    },
  });
}
