/**
 * `qingting summarize`: `{id, dialogue: [{role, text}]}` lines in, `{id, summary}` lines out, where
 * summary is the handoff summary schema (DESIGN §4, §6). Offline unless OPENAI_API_KEY is set. A bad
 * line gets an `{id?, error}` line on stdout (and on stderr) and processing continues.
 */
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { loadEnv } from '../../config/env.js';
import { SEVERITIES } from '../../domain/ticket.js';
import { loadFlowSet } from '../../flows/flow.loader.js';
import { DialogueInput, summarizeDialogue } from '../../handoff/summary/summarize-dialogue.js';
import { createUnderstanding } from '../../understanding/create-understanding.js';
import { createOfflineUnderstanding } from '../../understanding/offline.understanding.js';

export async function run(_args: string[]): Promise<number> {
  const env = loadEnv();
  const flows = await loadFlowSet(join(env.CONFIG_DIR, 'flows'));
  if (!flows.ok) throw new Error(`flows do not load from ${env.CONFIG_DIR}/flows`);
  const offline = createOfflineUnderstanding({ modelDir: env.EMOTION_MODEL_DIR });
  const understanding = await createUnderstanding(env, offline);
  const minutes = env.HANDOFF_SLA_MINUTES.split(',').map(Number);
  const slaMinutes = (severity: string): number =>
    minutes[SEVERITIES.findIndex((s) => s === severity)] ?? 60;
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const raw of lines) {
    if (raw.trim() === '') continue;
    let out: Record<string, unknown>;
    try {
      const json: unknown = JSON.parse(raw);
      const parsed = DialogueInput.safeParse(json);
      out = parsed.success
        ? {
            id: parsed.data.id,
            summary: await summarizeDialogue(parsed.data, {
              understanding,
              flows: flows.value,
              slaMinutes,
            }),
          }
        : { ...idOf(json), error: z.prettifyError(parsed.error) };
    } catch (error) {
      out = { error: error instanceof SyntaxError ? 'invalid JSON' : String(error) };
    }
    if ('error' in out) process.stderr.write(`${JSON.stringify(out)}\n`);
    process.stdout.write(`${JSON.stringify(out)}\n`);
  }
  return 0;
}

/** The line's id, when it has a usable one, so an error line can still be matched to its input. */
function idOf(json: unknown): { id?: string | number } {
  const id = typeof json === 'object' && json !== null && 'id' in json ? json.id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? { id } : {};
}
