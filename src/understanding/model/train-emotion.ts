import { EMOTIONS, type Emotion, type Language } from '../../domain/taxonomy.js';
import type { EmotionScores } from '../emotion/lexicon-emotion.js';
import { EmotionModel, softmax } from './emotion-model.js';
import { emotionFeatures } from './features.js';

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
/** L2 strengths tried on an internal split of the training data (never on what is scored). */
const L2_GRID = [3e-5, 1e-4, 1e-3, 3e-3] as const;
const VALIDATION_SHARE = 0.2;

interface Row {
  ids: Int32Array;
  values: Float64Array;
  y: number;
  w: number;
}

interface Weights {
  w: Float64Array;
  bias: Float64Array;
}

function fit(
  rows: readonly Row[],
  dims: number,
  l2: number,
  epochs: number,
  lr: number,
  seed: number,
): Weights {
  const w = new Float64Array(dims * K);
  const g2 = new Float64Array(dims * K).fill(1e-8);
  const bias = new Float64Array(K);
  const bias2 = new Float64Array(K).fill(1e-8);
  const scores = new Array<number>(K).fill(0);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const row of shuffled(rows, seed + epoch)) {
      for (let k = 0; k < K; k++) scores[k] = bias[k] ?? 0;
      for (let j = 0; j < row.ids.length; j++) {
        const base = (row.ids[j] ?? 0) * K;
        const v = row.values[j] ?? 0;
        for (let k = 0; k < K; k++) scores[k] = (scores[k] ?? 0) + (w[base + k] ?? 0) * v;
      }
      const probs = softmax(scores);
      for (let k = 0; k < K; k++) {
        const err = ((probs[k] ?? 0) - (k === row.y ? 1 : 0)) * row.w;
        bias2[k] = (bias2[k] ?? 0) + err * err;
        bias[k] = (bias[k] ?? 0) - (lr * err) / Math.sqrt(bias2[k] ?? 1);
        for (let j = 0; j < row.ids.length; j++) {
          const i = (row.ids[j] ?? 0) * K + k;
          const g = err * (row.values[j] ?? 0) + l2 * (w[i] ?? 0);
          g2[i] = (g2[i] ?? 0) + g * g;
          w[i] = (w[i] ?? 0) - (lr * g) / Math.sqrt(g2[i] ?? 1);
        }
      }
    }
  }
  return { w, bias };
}

function accuracyOf(rows: readonly Row[], m: Weights): number {
  // Class-weighted accuracy approximates macro recall, which tracks macro-F1.
  let hit = 0;
  let total = 0;
  for (const row of rows) {
    const scores = Array.from(m.bias);
    for (let j = 0; j < row.ids.length; j++) {
      const base = (row.ids[j] ?? 0) * K;
      for (let k = 0; k < K; k++)
        scores[k] = (scores[k] ?? 0) + (m.w[base + k] ?? 0) * (row.values[j] ?? 0);
    }
    const best = scores.indexOf(Math.max(...scores));
    total += row.w;
    if (best === row.y) hit += row.w;
  }
  return total === 0 ? 0 : hit / total;
}

/**
 * Multinomial logistic regression trained with AdaGrad and L2 on the offline backend's features,
 * class-balanced. Unless `l2` is given, its strength is picked on a held-back fifth of the
 * training data, then the model is refitted on all of it. A few thousand lines train in seconds.
 */
export function trainEmotionModel(
  examples: readonly TrainingExample[],
  options: TrainOptions,
): EmotionModel {
  if (examples.length === 0) throw new Error('no training examples');
  const epochs = options.epochs ?? 20;
  const lr = options.learningRate ?? 0.2;
  const seed = options.seed ?? 7;
  const languages = new Set<Language>();
  const counts = new Array<number>(K).fill(0);
  for (const ex of examples) {
    const k = EMOTIONS.indexOf(ex.label);
    counts[k] = (counts[k] ?? 0) + 1;
  }
  const present = counts.filter((c) => c > 0).length;
  const names: string[] = [];
  const ids = new Map<string, number>();
  const rows: Row[] = examples.map((ex) => {
    const { lang, scores } = options.read(ex.text);
    languages.add(lang);
    const y = EMOTIONS.indexOf(ex.label);
    const features = emotionFeatures(ex.text, lang, scores);
    const rowIds = new Int32Array(features.size);
    const values = new Float64Array(features.size);
    let j = 0;
    for (const [name, v] of features) {
      let id = ids.get(name);
      if (id === undefined) {
        id = names.length;
        ids.set(name, id);
        names.push(name);
      }
      rowIds[j] = id;
      values[j] = v;
      j += 1;
    }
    const w = options.balanced === false ? 1 : examples.length / (present * (counts[y] ?? 1));
    return { ids: rowIds, values, y, w };
  });
  let l2 = options.l2;
  if (l2 === undefined) {
    const order = shuffled(rows, seed);
    const cut = Math.floor(order.length * (1 - VALIDATION_SHARE));
    const [train, held] = [order.slice(0, cut), order.slice(cut)];
    let best = -1;
    for (const candidate of L2_GRID) {
      const acc = accuracyOf(held, fit(train, names.length, candidate, epochs, lr, seed));
      if (acc > best) {
        best = acc;
        l2 = candidate;
      }
    }
  }
  const fitted = fit(rows, names.length, l2 ?? L2_GRID[0], epochs, lr, seed);
  const out: Record<string, number[]> = {};
  names.forEach((name, id) => {
    const w = Array.from(fitted.w.subarray(id * K, id * K + K));
    if (w.some((x) => Math.abs(x) >= PRUNE_BELOW))
      out[name] = w.map((x) => Math.round(x * 1e4) / 1e4);
  });
  return new EmotionModel({
    format: 'qingting-emotion-linear/1',
    labels: [...EMOTIONS],
    languages: [...languages],
    bias: Array.from(fitted.bias, (x) => Math.round(x * 1e4) / 1e4),
    weights: out,
    trainedOn: {
      examples: examples.length,
      source: options.source ?? 'unspecified',
      createdAt: new Date().toISOString(),
    },
  });
}
