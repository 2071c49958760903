import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/understanding/language.js';
import { EmotionModel } from '../../src/understanding/model/emotion-model.js';
import {
  trainEmotionModel,
  type TrainingExample,
} from '../../src/understanding/model/train-emotion.js';
import { createOfflineUnderstanding } from '../../src/understanding/offline.understanding.js';
import { ctx, offline } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'qt-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = (text: string) => {
  const lang = detectLanguage(text);
  return { lang, scores: offline.readLexicon(text, lang).scores };
};

/** Words the lexicon does not know, so only training can teach them. */
const examples: TrainingExample[] = [
  ...['the parcel is blorpy again', 'blorpy service today', 'so blorpy, the order'].map((text) => ({
    text,
    label: 'angry' as const,
  })),
  ...['the parcel is zindle', 'zindle service today', 'so zindle, the order'].map((text) => ({
    text,
    label: 'positive' as const,
  })),
  ...['the parcel is at the depot', 'service hours today', 'the order number'].map((text) => ({
    text,
    label: 'neutral' as const,
  })),
];

describe('trained emotion model', () => {
  it('learns what the lexicon cannot, and survives a save/load round trip', async () => {
    expect(offline.analyzeSync('blorpy parcel', ctx()).emotion).toBe('neutral');
    const model = trainEmotionModel(examples, { read, epochs: 20 });
    await model.save(dir);
    const loaded = createOfflineUnderstanding({ modelDir: dir });
    expect(loaded.analyzeSync('blorpy parcel', ctx()).emotion).toBe('angry');
    expect(loaded.analyzeSync('zindle parcel', ctx()).emotion).toBe('positive');
    expect(EmotionModel.load(dir).file.languages).toEqual(['en']);
  });

  it('leaves languages it never saw to the lexicon', () => {
    const model = trainEmotionModel(examples, { read, epochs: 5 });
    const u = createOfflineUnderstanding({ model });
    expect(u.analyzeSync('气死我了', ctx()).emotion).toBe('angry');
  });

  it('rejects a file that is not a model, naming it', () => {
    const bad = join(dir, 'bad');
    mkdirSync(bad, { recursive: true });
    writeFileSync(join(bad, 'emotion-model.json'), JSON.stringify({ format: 'something-else' }));
    expect(() => EmotionModel.load(bad)).toThrow(
      /emotion-model\.json: not a Qingting emotion model/,
    );
    expect(() => createOfflineUnderstanding({ modelDir: join(dir, 'missing') })).toThrow(
      /emotion-model\.json/,
    );
  });
});
