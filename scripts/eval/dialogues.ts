/**
 * The dialogue corpus (test/corpus/dialogues, issue 11) played through the product's intake
 * pipeline with the real offline understanding, the shipped flows, scripts and knowledge base:
 * per check and overall pass rates, and every transcript written to reports/dialogues.md for a
 * person to read.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadKnowledgeDir } from '../../src/knowledge/jsonl.knowledge-loader.js';
import { createKnowledgeBase } from '../../src/knowledge/memory.knowledge-base.js';
import { createOfflineUnderstanding } from '../../src/understanding/offline.understanding.js';
import { loadCorpusDialogues } from '../../test/corpus/corpus.schema.js';
import { CHECKS, judge, type Judgement } from './dialogues-lib/checks.js';
import { play, type Played } from './dialogues-lib/play.js';
import { transcriptOf } from './dialogues-lib/transcript.js';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '../..');

export async function run(): Promise<void> {
  const dialogues = loadCorpusDialogues(join(ROOT, 'test/corpus/dialogues'));
  const { entries, synonyms } = await loadKnowledgeDir(join(ROOT, 'config/knowledge'));
  const faq = createKnowledgeBase(entries, { synonyms });
  const understanding = createOfflineUnderstanding({});
  const results: Array<{ played: Played; judgement: Judgement }> = [];
  for (const dialogue of dialogues) {
    const played = await play(dialogue, understanding, faq);
    results.push({ played, judgement: judge(played) });
  }
  console.log(
    `${results.length} dialogues (${countBy(results, 'zh')} zh, ${countBy(results, 'en')} en)`,
  );
  for (const check of CHECKS) {
    const applicable = results.filter((r) => r.judgement.applicable.has(check));
    const passed = applicable.filter((r) => !r.judgement.findings.some((f) => f.check === check));
    const rate = applicable.length === 0 ? '—' : (passed.length / applicable.length).toFixed(3);
    console.log(`${check.padEnd(26)} ${rate}  (${passed.length}/${applicable.length})`);
  }
  const clean = results.filter((r) => r.judgement.findings.length === 0);
  console.log(
    `${'every check'.padEnd(26)} ${(clean.length / results.length).toFixed(3)}  (${clean.length}/${results.length})`,
  );
  const report = join(ROOT, 'reports', 'dialogues.md');
  await mkdir(join(ROOT, 'reports'), { recursive: true });
  await writeFile(report, results.map((r) => transcriptOf(r.played, r.judgement)).join('\n'));
  console.log(`transcripts: ${report}`);
}

function countBy(results: ReadonlyArray<{ played: Played }>, lang: string): number {
  return results.filter((r) => r.played.dialogue.lang === lang).length;
}
