import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { Emotion, EMOTIONS, Language } from '../../domain/taxonomy.js';
import type { EmotionScores } from '../emotion/lexicon-emotion.js';
import { emotionFeatures, type Features } from './features.js';

export const MODEL_FILE = 'emotion-model.json';
const FORMAT = 'qingting-emotion-linear/1';

/** The file `qingting train emotion` writes: a multinomial logistic regression over sparse features. */
export const EmotionModelFile = z.object({
  format: z.literal(FORMAT),
  labels: z.array(Emotion).length(EMOTIONS.length),
  languages: z.array(Language).min(1),
  bias: z.array(z.number()).length(EMOTIONS.length),
  weights: z.record(z.string(), z.array(z.number()).length(EMOTIONS.length)),
  trainedOn: z.object({ examples: z.number().int(), source: z.string(), createdAt: z.string() }),
});
export type EmotionModelFile = z.infer<typeof EmotionModelFile>;

export interface EmotionPrediction {
  emotion: Emotion;
  probability: number;
  probabilities: Record<Emotion, number>;
}

/** Softmax of raw scores, numerically stable. */
export function softmax(scores: readonly number[]): number[] {
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/** A trained linear emotion model; it reads the same features at prediction time as in training. */
export class EmotionModel {
  constructor(readonly file: EmotionModelFile) {}

  /** Whether the model saw this language in training (else the lexicon alone decides). */
  knows(lang: Language): boolean {
    return this.file.languages.includes(lang);
  }

  scoresFor(features: Features): number[] {
    const scores = [...this.file.bias];
    for (const [name, value] of features) {
      const w = this.file.weights[name];
      if (w === undefined) continue;
      for (let k = 0; k < scores.length; k++) scores[k] = (scores[k] ?? 0) + (w[k] ?? 0) * value;
    }
    return scores;
  }

  predict(text: string, lang: Language, lexicon: EmotionScores): EmotionPrediction {
    const probs = softmax(this.scoresFor(emotionFeatures(text, lang, lexicon)));
    let best = 0;
    for (let k = 1; k < probs.length; k++) if ((probs[k] ?? 0) > (probs[best] ?? 0)) best = k;
    const probabilities = Object.fromEntries(
      this.file.labels.map((l, k) => [l, probs[k] ?? 0]),
    ) as Record<Emotion, number>;
    return {
      emotion: this.file.labels[best] ?? 'neutral',
      probability: probs[best] ?? 0,
      probabilities,
    };
  }

  async save(dir: string): Promise<string> {
    await mkdir(dir, { recursive: true });
    const path = join(dir, MODEL_FILE);
    await writeFile(path, `${JSON.stringify(this.file)}\n`);
    return path;
  }

  /** Loads and validates `DIR/emotion-model.json`; a wrong or damaged file fails with its path. */
  static load(dir: string): EmotionModel {
    const path = join(dir, MODEL_FILE);
    const parsed = EmotionModelFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!parsed.success)
      throw new Error(
        `${path}: not a Qingting emotion model (${parsed.error.issues[0]?.message ?? 'invalid'})`,
      );
    return new EmotionModel(parsed.data);
  }
}
