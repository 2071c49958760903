/**
 * `qingting train emotion --data FILE --out DIR`: learns the offline backend's emotion model from
 * `{text, label}` JSON Lines (labels from the emotion taxonomy) and writes DIR/emotion-model.json.
 * Bad lines are reported on stderr and skipped; the summary goes to stderr, nothing to stdout.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { Emotion } from '../../domain/taxonomy.js';
import { detectLanguage } from '../../understanding/language.js';
import {
  trainEmotionModel,
  type TrainingExample,
} from '../../understanding/model/train-emotion.js';
import { createOfflineUnderstanding } from '../../understanding/offline.understanding.js';

const Example = z.object({ text: z.string().min(1), label: Emotion });

function parseExamples(raw: string): { examples: TrainingExample[]; errors: number } {
  const examples: TrainingExample[] = [];
  let errors = 0;
  raw.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      json = undefined;
    }
    const parsed = Example.safeParse(json);
    if (parsed.success) examples.push(parsed.data);
    else {
      errors += 1;
      process.stderr.write(
        `${JSON.stringify({ line: i + 1, error: json === undefined ? 'invalid JSON' : z.prettifyError(parsed.error) })}\n`,
      );
    }
  });
  return { examples, errors };
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { data: { type: 'string' }, out: { type: 'string' }, config: { type: 'string' } },
  });
  if (positionals[0] !== 'emotion' || values.data === undefined || values.out === undefined) {
    process.stderr.write('usage: qingting train emotion --data FILE --out DIR\n');
    return 2;
  }
  const { examples, errors } = parseExamples(await readFile(values.data, 'utf8'));
  if (examples.length === 0) {
    process.stderr.write('qingting train: no valid {text, label} lines\n');
    return 1;
  }
  const lexicon = createOfflineUnderstanding({ configDir: values.config });
  const model = trainEmotionModel(examples, {
    read: (text) => {
      const lang = detectLanguage(text);
      return { lang, scores: lexicon.readLexicon(text, lang).scores };
    },
    source: values.data,
  });
  const path = await model.save(values.out);
  const features = Object.keys(model.file.weights).length;
  process.stderr.write(
    `trained on ${examples.length} lines (${errors} skipped), ${features} features → ${path}\n`,
  );
  return 0;
}
