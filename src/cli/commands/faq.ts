/**
 * `qingting faq [--kb FILE]`: `{id, query}` lines in, `{id, results: [{id, score}]}` lines out,
 * best first, empty results when the knowledge base abstains. A bad line gets an `{id?, error}`
 * line on stdout (and on stderr) and processing continues.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadCliEnv } from '../cli-env.js';
import { mapJsonLines } from '../json-lines.js';
import {
  loadKnowledgeDir,
  loadKnowledgeFile,
  loadSynonyms,
  SYNONYMS_FILE,
} from '../../knowledge/jsonl.knowledge-loader.js';
import type { KnowledgeBase } from '../../knowledge/knowledge.port.js';
import { createKnowledgeBase } from '../../knowledge/memory.knowledge-base.js';

const LineSchema = z.object({
  id: z.union([z.string(), z.number()]),
  query: z.string().max(4000),
  limit: z.number().int().min(1).max(50).optional(),
});

async function openKnowledgeBase(kbFile: string | undefined): Promise<KnowledgeBase> {
  const dir = join(loadCliEnv().CONFIG_DIR, 'knowledge');
  if (kbFile === undefined) {
    const { entries, synonyms } = await loadKnowledgeDir(dir);
    return createKnowledgeBase(entries, { synonyms });
  }
  const [entries, synonyms] = await Promise.all([
    loadKnowledgeFile(kbFile),
    loadSynonyms(join(dir, SYNONYMS_FILE)),
  ]);
  return createKnowledgeBase(entries, { synonyms });
}

function answer(kb: KnowledgeBase, line: z.output<typeof LineSchema>): object {
  const { id, query, limit } = line;
  const { results } = kb.search(query, { limit });
  return { id, results: results.map((r) => ({ id: r.id, score: Number(r.score.toFixed(4)) })) };
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { kb: { type: 'string' } } });
  const kb = await openKnowledgeBase(values.kb);
  await mapJsonLines(LineSchema, (line) => answer(kb, line));
  return 0;
}
