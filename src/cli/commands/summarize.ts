/**
 * `qingting summarize`: `{id, dialogue: [{role, text}]}` lines in, `{id, summary}` lines out, where
 * summary is the handoff summary schema (DESIGN §4, §6). Offline unless OPENAI_API_KEY is set. A bad
 * line gets an `{id?, error}` line on stdout (and on stderr) and processing continues.
 */
import { join } from 'node:path';
import { loadCliEnv } from '../cli-env.js';
import { mapJsonLines } from '../json-lines.js';
import { Severity } from '../../domain/ticket.js';
import { loadFlowSet } from '../../flows/flow.loader.js';
import { DialogueInput, summarizeDialogue } from '../../handoff/summary/summarize-dialogue.js';
import { createUnderstanding } from '../../understanding/create-understanding.js';
import { createOfflineUnderstanding } from '../../understanding/offline.understanding.js';

export async function run(_args: string[]): Promise<number> {
  const env = loadCliEnv();
  const flows = await loadFlowSet(join(env.CONFIG_DIR, 'flows'));
  if (!flows.ok) throw new Error(`flows do not load from ${env.CONFIG_DIR}/flows`);
  const offline = createOfflineUnderstanding({ modelDir: env.EMOTION_MODEL_DIR });
  const understanding = await createUnderstanding(env, offline);
  const sla = env.HANDOFF_SLA_MINUTES;
  const slaMinutes = (severity: string): number => {
    const known = Severity.safeParse(severity);
    return known.success ? sla[known.data] : 60;
  };
  await mapJsonLines(DialogueInput, async (dialogue) => ({
    id: dialogue.id,
    summary: await summarizeDialogue(dialogue, { understanding, flows: flows.value, slaMinutes }),
  }));
  return 0;
}
