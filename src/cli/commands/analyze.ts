/**
 * `qingting analyze [--model DIR]`: `{id, text}` lines in, `{id, lang, emotion, intensity, intent,
 * category, nature, flags, entities}` lines out. Offline unless OPENAI_API_KEY is set. A bad line
 * gets an `{id?, error}` line on stdout (and a note on stderr) and processing continues.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadCliEnv } from '../cli-env.js';
import { mapJsonLines } from '../json-lines.js';
import type { Analysis } from '../../domain/analysis.js';
import { createUnderstanding } from '../../understanding/create-understanding.js';
import { createOfflineUnderstanding } from '../../understanding/offline.understanding.js';
import type { Understanding } from '../../understanding/understanding.port.js';

const LineSchema = z.object({
  id: z.union([z.string(), z.number()]),
  text: z.string(),
  /** Optional context: when the message was sent (relative dates resolve against it). */
  now: z.iso.datetime({ offset: true }).optional(),
  timeZone: z.string().optional(),
  products: z.array(z.string()).optional(),
});

type Output =
  { id?: string | number; error: string } | (Record<string, unknown> & { id: string | number });

function present(id: string | number, a: Analysis): Output {
  return {
    id,
    lang: a.lang,
    emotion: a.emotion,
    intensity: a.intensity,
    intent: a.intent,
    category: a.category,
    nature: a.nature,
    flags: a.flags,
    entities: a.slots,
  };
}

async function answer(
  understanding: Understanding,
  maxChars: number,
  line: z.output<typeof LineSchema>,
): Promise<Output> {
  const { id, text, now, timeZone, products } = line;
  if (text.length > maxChars) return { id, error: `text longer than ${maxChars} characters` };
  const analysis = await understanding.analyze(text, {
    history: [],
    knownSlots: {},
    now: now === undefined ? new Date() : new Date(now),
    timeZone,
    products,
  });
  return present(id, analysis);
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { model: { type: 'string' } } });
  const env = loadCliEnv();
  const offline = createOfflineUnderstanding({ modelDir: values.model ?? env.EMOTION_MODEL_DIR });
  const understanding = await createUnderstanding(env, offline);
  await mapJsonLines(LineSchema, (line) => answer(understanding, env.MAX_MESSAGE_CHARS, line));
  return 0;
}
