/**
 * Emotion on the dev splits (DESIGN §7): zh Weibo (SMP2020-EWECT) and en GoEmotions, 5 labels,
 * surprise excluded, zero-shot (lexicon only) and trained by 5-fold cross-validation (each item
 * scored by a model that never saw it); and unhappy-customer detection (angry/sad/anxious vs not)
 * on the zh shopping and food-delivery reviews, zero-shot.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { EMOTIONS, type Emotion } from '../../src/domain/taxonomy.js';
import { trainEmotionModel } from '../../src/understanding/model/train-emotion.js';
import {
  createOfflineUnderstanding,
  OfflineUnderstanding,
} from '../../src/understanding/offline.understanding.js';
import { loadUnderstandingConfig } from '../../src/understanding/understanding-config.js';
import { detectLanguage } from '../../src/understanding/language.js';
import { print, score } from './emotion-lib/metrics.js';

const DATA = join(fileURLToPath(new URL('.', import.meta.url)), '../../../shared/data');
const FOLDS = 5;
const NOW = new Date('2026-11-25T10:00:00+08:00');

const WEIBO: Readonly<Record<string, Emotion>> = {
  happy: 'positive',
  angry: 'angry',
  sad: 'sad',
  fear: 'anxious',
  neutral: 'neutral',
};
const EKMAN: Readonly<Record<string, Emotion>> = {
  joy: 'positive',
  anger: 'angry',
  disgust: 'angry',
  sadness: 'sad',
  fear: 'anxious',
  neutral: 'neutral',
};
const NEGATIVE: ReadonlySet<Emotion> = new Set(['angry', 'sad', 'anxious']);

const Line = z.object({ id: z.string(), text: z.string(), label: z.string().nullable() });
type Item = { id: string; text: string; label: Emotion };

async function load(
  file: string,
  map: Readonly<Record<string, string>>,
): Promise<Array<{ id: string; text: string; label: string }>> {
  const raw = await readFile(join(DATA, file), 'utf8');
  return raw
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => Line.parse(JSON.parse(l)))
    .flatMap((r) =>
      r.label !== null && map[r.label] !== undefined
        ? [{ id: r.id, text: r.text, label: map[r.label] ?? '' }]
        : [],
    );
}

function predictAll(u: OfflineUnderstanding, items: readonly { text: string }[]): Emotion[] {
  return items.map((i) => u.analyzeSync(i.text, { history: [], knownSlots: {}, now: NOW }).emotion);
}

/** Fold of each item: stratified round-robin by label, in id order, so folds are fixed and balanced. */
function folds(items: readonly Item[]): number[] {
  const seen = new Map<string, number>();
  const order = items.map((it, i) => ({ i, key: it.id })).sort((a, b) => (a.key < b.key ? -1 : 1));
  const fold = new Array<number>(items.length).fill(0);
  for (const { i } of order) {
    const label = items[i]?.label ?? '';
    const n = seen.get(label) ?? 0;
    seen.set(label, n + 1);
    fold[i] = n % FOLDS;
  }
  return fold;
}

function crossValidated(lexiconOnly: OfflineUnderstanding, items: readonly Item[]): Emotion[] {
  const config = loadUnderstandingConfig();
  const fold = folds(items);
  const predicted = new Array<Emotion>(items.length).fill('neutral');
  for (let k = 0; k < FOLDS; k++) {
    const train = items.filter((_, i) => fold[i] !== k);
    const model = trainEmotionModel(train, {
      read: (text) => {
        const lang = detectLanguage(text);
        return { lang, scores: lexiconOnly.readLexicon(text, lang).scores };
      },
      source: `dev fold ≠ ${k}`,
    });
    const u = new OfflineUnderstanding(config, { model });
    items.forEach((it, i) => {
      if (fold[i] === k)
        predicted[i] = u.analyzeSync(it.text, { history: [], knownSlots: {}, now: NOW }).emotion;
    });
  }
  return predicted;
}

async function emotionSet(
  name: string,
  file: string,
  map: Readonly<Record<string, Emotion>>,
  u: OfflineUnderstanding,
): Promise<void> {
  const items = (await load(file, map)) as Item[];
  const gold = items.map((i) => i.label);
  print(`${name} zero-shot (lexicon)`, score(EMOTIONS, gold, predictAll(u, items)));
  const started = performance.now();
  const cv = crossValidated(u, items);
  print(
    `${name} trained (${FOLDS}-fold CV on dev, ${((performance.now() - started) / 1000).toFixed(1)} s)`,
    score(EMOTIONS, gold, cv),
  );
}

async function unhappy(name: string, file: string, u: OfflineUnderstanding): Promise<void> {
  const items = await load(file, { positive: 'not_negative', negative: 'negative' });
  const predicted = predictAll(u, items).map((e) =>
    NEGATIVE.has(e) ? 'negative' : 'not_negative',
  );
  print(
    `${name} unhappy customer, zero-shot`,
    score(
      ['negative', 'not_negative'],
      items.map((i) => i.label),
      predicted,
    ),
  );
}

export async function run(): Promise<void> {
  const u = createOfflineUnderstanding();
  await emotionSet('smp2020_ewect_zh (Weibo)', 'smp2020_ewect_zh/dev.jsonl', WEIBO, u);
  await emotionSet('goemotions_en', 'goemotions_en/dev.jsonl', EKMAN, u);
  await unhappy('online_shopping_10cats_zh', 'online_shopping_10cats_zh/dev.jsonl', u);
  await unhappy('waimai_10k_zh', 'waimai_10k_zh/dev.jsonl', u);
}
