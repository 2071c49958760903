/**
 * Which FAQ retrieval pipeline to ship, chosen by cross-validated figures only (issue 10 item 6):
 * each candidate is scored top-1 on every fold of the dev queries (k = 5; for banking77 and
 * CLINC150 the KB is the other folds' phrasings), reported as mean ± spread over the folds; then
 * the choice itself is cross-validated: for each held fold the candidate best on the other four
 * folds is picked and scored on the held one, so the "selected" figure is what choosing costs.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_RETRIEVAL, type RetrievalParams } from '../../src/knowledge/faq-retriever.js';
import { loadSynonyms } from '../../src/knowledge/jsonl.knowledge-loader.js';
import { NO_SYNONYMS } from '../../src/knowledge/synonyms.js';
import type { AnalyzerOptions } from '../../src/knowledge/text-analyzer.js';
import { loadTasks, runTask } from './faq.js';

const SYNONYMS = join(
  fileURLToPath(new URL('.', import.meta.url)),
  '../../config/knowledge/synonyms.txt',
);
const FOLDS = 5;

interface Candidate {
  name: string;
  params: Partial<RetrievalParams>;
  synonyms: boolean;
}

/** Each step adds one thing to the one before; "= defaults" is what ships. */
const PLAIN: Partial<RetrievalParams> = {
  wordWeight: 1,
  wordWeightZh: 1,
  diceShare: 0,
  vote: 0,
  answerWeightZh: 0,
  lcsWeightZh: 0,
};
const CANDIDATES: readonly Candidate[] = [
  { name: 'plain BM25 1-NN (words)', params: PLAIN, synonyms: false },
  {
    name: '+ char n-grams',
    params: { ...PLAIN, wordWeight: 0.3, wordWeightZh: 0.2 },
    synonyms: false,
  },
  {
    name: '+ Dice overlap',
    params: { ...PLAIN, wordWeight: 0.3, wordWeightZh: 0.2, diceShare: 0.5 },
    synonyms: false,
  },
  { name: '+ kNN voting', params: { answerWeightZh: 0, lcsWeightZh: 0 }, synonyms: false },
  { name: '+ synonyms', params: { answerWeightZh: 0, lcsWeightZh: 0 }, synonyms: true },
  { name: '+ answer text (zh)', params: { answerWeightZh: 0.1, lcsWeightZh: 0 }, synonyms: true },
  { name: '+ LCS rerank (zh), no answer = defaults', params: {}, synonyms: true },
  { name: 'defaults + answer text (zh)', params: { answerWeightZh: 0.1 }, synonyms: true },
  { name: 'defaults without synonyms', params: {}, synonyms: false },
];

const mean = (xs: readonly number[]): number =>
  xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const spread = (xs: readonly number[]): number => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, xs.length - 1));
};
const pm = (xs: readonly number[]): string => `${mean(xs).toFixed(3)} ± ${spread(xs).toFixed(3)}`;

export async function run(): Promise<void> {
  const tasks = await loadTasks(FOLDS);
  const synonyms = await loadSynonyms(SYNONYMS);
  const analysis = (c: Candidate): AnalyzerOptions => ({
    synonyms: c.synonyms ? synonyms : NO_SYNONYMS,
  });
  console.log(`top-1 per fold (in-scope queries), mean ± spread over ${FOLDS} folds:`);
  console.log(`  ${'candidate'.padEnd(32)} ${tasks.map((t) => t.name.padEnd(19)).join(' ')}`);
  // perTask[t][c][f]: top-1 of candidate c on fold f of task t.
  const perTask = tasks.map(() => CANDIDATES.map(() => [] as number[]));
  CANDIDATES.forEach((c, ci) => {
    const cells = tasks.map((task, ti) => {
      const outcomes = runTask(task, { ...DEFAULT_RETRIEVAL, ...c.params }, analysis(c));
      const folds = Array.from({ length: FOLDS }, (_, f) => {
        const own = outcomes.filter((o) => o.fold === f && o.gold.size > 0);
        return own.filter((o) => o.gold.has(o.ranked[0] ?? '')).length / Math.max(1, own.length);
      });
      (perTask[ti] as number[][])[ci] = folds;
      return pm(folds).padEnd(19);
    });
    console.log(`  ${c.name.padEnd(32)} ${cells.join(' ')}`);
  });
  console.log('\nthe choice cross-validated (best on four folds, scored on the fifth):');
  tasks.forEach((task, ti) => {
    const grid = perTask[ti] as number[][];
    const picked: string[] = [];
    const held = Array.from({ length: FOLDS }, (_, f) => {
      let best = 0;
      let bestScore = -Infinity;
      grid.forEach((folds, ci) => {
        const train = mean(folds.filter((_, g) => g !== f));
        if (train > bestScore) {
          bestScore = train;
          best = ci;
        }
      });
      picked.push(CANDIDATES[best]?.name ?? '');
      return grid[best]?.[f] ?? 0;
    });
    const counts = [...new Set(picked)].map((n) => `${n} ×${picked.filter((p) => p === n).length}`);
    console.log(`  ${task.name.padEnd(18)} ${pm(held)}  picked: ${counts.join(', ')}`);
  });
}
