/**
 * FAQ retrieval on the dev splits (DESIGN §7). banking77 and CLINC150 become FAQs: k-fold per
 * label, one KB entry per intent made of the other folds' phrasings, queried with the held fold
 * (CLINC's oos queries are never in the KB). insurance_faq_zh queries its shared KB. The
 * abstention calibration and threshold for each fold are fitted on the other folds only. Text is
 * analysed with the shipped synonyms (config/knowledge/synonyms.txt), as a deployment would be.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { fitCalibration, confidenceOf, type Calibration } from '../../src/knowledge/calibration.js';
import {
  DEFAULT_RETRIEVAL,
  FaqRetriever,
  type RetrievalParams,
} from '../../src/knowledge/faq-retriever.js';
import { loadSynonyms } from '../../src/knowledge/jsonl.knowledge-loader.js';
import type { KnowledgeEntry } from '../../src/knowledge/knowledge-entry.js';
import { NO_SYNONYMS } from '../../src/knowledge/synonyms.js';
import { createTextAnalyzer, type AnalyzerOptions } from '../../src/knowledge/text-analyzer.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const DATA = join(HERE, '../../../shared/data');
const SYNONYMS = join(HERE, '../../config/knowledge/synonyms.txt');
const FOLDS = 5;

const IntentLine = z.object({ id: z.string(), text: z.string(), label: z.string() });
const InsuranceKbLine = z.object({ id: z.string(), question: z.string(), answer: z.string() });
const InsuranceQueryLine = z.object({
  id: z.string(),
  query: z.string(),
  answer_id: z.string(),
  alt_answer_ids: z.array(z.string()),
});

async function readJsonl<T>(file: string, schema: z.ZodType<T>): Promise<T[]> {
  const text = await readFile(join(DATA, file), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => schema.parse(JSON.parse(l)));
}

/** One scored query: the ranked ids, the features calibration sees, and which ids are right. */
interface Outcome {
  fold: number;
  ranked: string[];
  top: number;
  margin: number;
  gold: ReadonlySet<string>;
}

interface Task {
  name: string;
  lang: 'zh' | 'en';
  /** Builds each fold's KB and queries. */
  folds: { kb: KnowledgeEntry[]; queries: { text: string; gold: Set<string> }[] }[];
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Stratified k-fold: each label's items, in a fixed pseudo-random order, dealt round-robin. */
function intentTask(name: string, items: z.infer<typeof IntentLine>[], k: number): Task {
  const byLabel = new Map<string, z.infer<typeof IntentLine>[]>();
  for (const item of items) byLabel.set(item.label, [...(byLabel.get(item.label) ?? []), item]);
  const fold = new Map<string, number>();
  for (const group of byLabel.values()) {
    group.sort((a, b) => hash(a.id) - hash(b.id));
    group.forEach((item, i) => fold.set(item.id, i % k));
  }
  const norm = (t: string): string => t.normalize('NFKC').toLowerCase().trim();
  return {
    name,
    lang: 'en',
    folds: Array.from({ length: k }, (_, f) => {
      const kbItems = items.filter((i) => fold.get(i.id) !== f && i.label !== 'oos');
      const kbTexts = new Set(kbItems.map((i) => norm(i.text)));
      const kb = [...new Set(kbItems.map((i) => i.label))].map((label) => ({
        id: label,
        questions: kbItems.filter((i) => i.label === label).map((i) => i.text),
        answer: `entry ${label.length}`,
        lang: 'en' as const,
      }));
      const queries = items
        .filter((i) => fold.get(i.id) === f && !kbTexts.has(norm(i.text)))
        .map((i) => ({ text: i.text, gold: new Set(i.label === 'oos' ? [] : [i.label]) }));
      return { kb, queries };
    }),
  };
}

export function runTask(task: Task, params: RetrievalParams, analysis: AnalyzerOptions): Outcome[] {
  const analyzer = createTextAnalyzer(analysis);
  return task.folds.flatMap(({ kb, queries }, fold) => {
    const retriever = new FaqRetriever(kb, analyzer, params);
    return queries.map(({ text, gold }) => {
      const { ranked, evidence } = retriever.rank(text, 5);
      const { top, margin } = evidence;
      return { fold, ranked: ranked.map((r) => kb[r.entry]?.id ?? ''), top, margin, gold };
    });
  });
}

const inScope = (o: Outcome): boolean => o.gold.size > 0;
const hit1 = (o: Outcome): boolean => o.gold.has(o.ranked[0] ?? '');

function mrr5(outcomes: Outcome[]): number {
  const sum = outcomes.reduce((s, o) => {
    const rank = o.ranked.slice(0, 5).findIndex((id) => o.gold.has(id));
    return s + (rank < 0 ? 0 : 1 / (rank + 1));
  }, 0);
  return sum / Math.max(1, outcomes.length);
}

const mean = (xs: boolean[]): number => xs.filter(Boolean).length / Math.max(1, xs.length);

/**
 * Cross-fitted abstention: for each fold, calibration and threshold come from the other folds'
 * outcomes. The threshold maximises right answers − WRONG_COST × wrong answers (abstaining scores 0).
 */
function crossFit(outcomes: Outcome[]): { abstain: boolean[]; confidences: number[] } {
  const folds = [...new Set(outcomes.map((o) => o.fold))];
  const abstain: boolean[] = new Array<boolean>(outcomes.length).fill(false);
  const confidences: number[] = new Array<number>(outcomes.length).fill(0);
  for (const f of folds) {
    const train = outcomes.filter((o) => o.fold !== f);
    const calibration = fitCalibration(train.map((o) => ({ ...o, correct: hit1(o) })));
    const threshold = bestThreshold(train, calibration);
    outcomes.forEach((o, i) => {
      if (o.fold !== f) return;
      confidences[i] = confidenceOf(calibration, o.top, o.margin);
      abstain[i] = (confidences[i] ?? 0) < threshold || o.top < DEFAULT_RETRIEVAL.minScore;
    });
  }
  return { abstain, confidences };
}

/**
 * What a wrong answer costs against a right one. The dialogs ask "did this solve it?" after every
 * answer and fall through to intake on "no", so a wrong answer costs less than a right one gains;
 * for a calibrated confidence this puts the threshold at WRONG_COST / (1 + WRONG_COST) = 0.4.
 */
const WRONG_COST = DEFAULT_RETRIEVAL.threshold / (1 - DEFAULT_RETRIEVAL.threshold);

function bestThreshold(train: Outcome[], calibration: Calibration): number {
  let best = { threshold: DEFAULT_RETRIEVAL.threshold, utility: -Infinity };
  for (let t = 0.05; t < 0.96; t += 0.01) {
    const utility = train.reduce((u, o) => {
      if (confidenceOf(calibration, o.top, o.margin) < t || o.top < DEFAULT_RETRIEVAL.minScore) {
        return u;
      }
      return u + (hit1(o) ? 1 : -WRONG_COST);
    }, 0);
    if (utility > best.utility) best = { threshold: t, utility };
  }
  return best.threshold;
}

/** Expected calibration error over ten confidence bins. */
function ece(outcomes: Outcome[], confidences: number[]): number {
  let total = 0;
  for (let bin = 0; bin < 10; bin++) {
    const idx = confidences.flatMap((c, i) => (Math.min(9, Math.floor(c * 10)) === bin ? [i] : []));
    if (idx.length === 0) continue;
    const acc = mean(idx.map((i) => hit1(outcomes[i] as Outcome)));
    const conf = idx.reduce((s, i) => s + (confidences[i] as number), 0) / idx.length;
    total += (idx.length / outcomes.length) * Math.abs(acc - conf);
  }
  return total;
}

interface Abstentions {
  abstain: boolean[];
  confidences: number[];
}

/** Abstention as `KnowledgeBase.search` decides it: calibrated confidence, threshold, minimum score. */
function abstentions(outcomes: Outcome[], calibration: Calibration): Abstentions {
  const { threshold, minScore } = DEFAULT_RETRIEVAL;
  const confidences = outcomes.map((o) => confidenceOf(calibration, o.top, o.margin));
  const abstain = outcomes.map((o, i) => (confidences[i] ?? 0) < threshold || o.top < minScore);
  return { abstain, confidences };
}

/** Calibration fitted on other datasets only: how the calibration transfers to an unseen KB. */
function transferred(outcomes: Outcome[], others: Outcome[]): Abstentions {
  return abstentions(outcomes, fitCalibration(others.map((o) => ({ ...o, correct: hit1(o) }))));
}

const rate = (xs: boolean[]): string => mean(xs).toFixed(3);

export function report(name: string, outcomes: Outcome[], abstentions?: Abstentions): string {
  const ins = outcomes.filter(inScope);
  const parts = [
    `${name.padEnd(18)} queries ${String(ins.length).padStart(4)}`,
    `top-1 ${rate(ins.map(hit1))}`,
    `MRR@5 ${mrr5(ins).toFixed(3)}`,
  ];
  if (abstentions !== undefined) {
    const { abstain, confidences } = abstentions;
    const of = (keep: (o: Outcome) => boolean, f: (o: Outcome, i: number) => boolean): boolean[] =>
      outcomes.flatMap((o, i) => (keep(o) ? [f(o, i)] : []));
    parts.push(
      `answered right ${rate(of(inScope, (o, i) => hit1(o) && abstain[i] !== true))}`,
      `in-scope abstained ${rate(of(inScope, (_, i) => abstain[i] === true))}`,
    );
    const oos = outcomes.filter((o) => !inScope(o)).length;
    if (oos > 0)
      parts.push(
        `oos abstained ${rate(
          of(
            (o) => !inScope(o),
            (_, i) => abstain[i] === true,
          ),
        )} (${oos})`,
      );
    parts.push(`ECE ${ece(outcomes, confidences).toFixed(3)}`);
  }
  return parts.join(' · ');
}

export async function loadTasks(k: number): Promise<Task[]> {
  const banking = await readJsonl('banking77_en/dev.jsonl', IntentLine);
  const clinc = await readJsonl('clinc150_en/dev.jsonl', IntentLine);
  const kbLines = await readJsonl('insurance_faq_zh/kb.jsonl', InsuranceKbLine);
  const queries = await readJsonl('insurance_faq_zh/dev.jsonl', InsuranceQueryLine);
  // The insurance KB is shared and fixed, so its "folds" only split the queries for cross-fitting.
  const insurance: Task = {
    name: 'insurance_faq_zh',
    lang: 'zh',
    folds: Array.from({ length: k }, (_, f) => ({
      kb: kbLines.map((l) => ({
        id: l.id,
        questions: [l.question],
        answer: l.answer,
        lang: 'zh' as const,
      })),
      queries: queries
        .filter((q) => hash(q.id) % k === f)
        .map((q) => ({ text: q.query, gold: new Set([q.answer_id, ...q.alt_answer_ids]) })),
    })),
  };
  return [intentTask('banking77_en', banking, k), intentTask('clinc150_en', clinc, k), insurance];
}

const ABLATIONS: [string, Partial<RetrievalParams>, AnalyzerOptions][] = [
  ['no synonyms', {}, { synonyms: NO_SYNONYMS }],
  ['no answer text for zh', { answerWeightZh: 0 }, {}],
  ['no kNN voting (best phrasing only)', { vote: 0 }, {}],
  ['BM25 only (no Dice overlap)', { diceShare: 0 }, {}],
  ['words only (no char n-grams)', { wordWeight: 1, wordWeightZh: 1 }, {}],
  ['char n-grams only (no words)', { wordWeight: 0, wordWeightZh: 0 }, {}],
  ['same word weight for zh as for en (0.3)', { wordWeightZh: 0.3 }, {}],
  ['Latin char 3-5-grams', {}, { latinGrams: [3, 5] }],
  ['jieba search mode', {}, { segmenter: 'jieba-search' }],
  ['Intl.Segmenter instead of jieba', {}, { segmenter: 'intl' }],
];

/**
 * Top-1 on two random halves of a dataset's queries (salted hash of the text): zh choices (answer
 * weight) were made on the "tune" half only, so the "held" half is the honest figure for them.
 */
function splitHalves(task: Task, outcomes: Outcome[]): string {
  const tune = task.folds.flatMap((f) =>
    f.queries.map((q) => hash(`split-2026:${q.text}`) % 2 === 0),
  );
  const on = (half: boolean): string =>
    rate(outcomes.flatMap((o, i) => (tune[i] === half && inScope(o) ? [hit1(o)] : [])));
  return `${task.name.padEnd(18)} top-1 tune half ${on(true)} · held half ${on(false)}`;
}

export async function run(): Promise<void> {
  console.log(
    `${FOLDS}-fold per label (KB = the other folds' phrasings; the query never in the KB)`,
  );
  console.log(
    '"answered right" counts an abstention as a miss, as `qingting faq` would be scored.',
  );
  const tasks = await loadTasks(FOLDS);
  const withSynonyms: AnalyzerOptions = { synonyms: await loadSynonyms(SYNONYMS) };
  const outcomes = tasks.map((task) => runTask(task, DEFAULT_RETRIEVAL, withSynonyms));
  console.log(
    `\nabstention fitted on the other folds of the same dataset (utility: right − ${WRONG_COST.toFixed(2)} × wrong answers):`,
  );
  tasks.forEach((task, i) => {
    const own = outcomes[i] as Outcome[];
    console.log(report(task.name, own, crossFit(own)));
  });
  console.log('\nrandom halves of the queries (tuning choices made on the first):');
  tasks.forEach((task, i) => console.log(splitHalves(task, outcomes[i] ?? [])));
  console.log(
    '\nabstention calibrated on the OTHER two datasets, shipped threshold and minScore (transfer to an unseen KB):',
  );
  tasks.forEach((task, i) => {
    const others = outcomes.filter((_, j) => j !== i).flat();
    console.log(
      report(task.name, outcomes[i] as Outcome[], transferred(outcomes[i] as Outcome[], others)),
    );
  });
  console.log(
    '\nshipped DEFAULT_RETRIEVAL (its calibration was fitted on all of dev: in-sample, optimistic):',
  );
  tasks.forEach((task, i) => {
    const own = outcomes[i] as Outcome[];
    console.log(report(task.name, own, abstentions(own, DEFAULT_RETRIEVAL.calibration)));
  });
  console.log('\nthreshold sweep with the shipped calibration (answered right / oos abstained):');
  tasks.forEach((task, i) => {
    const own = outcomes[i] as Outcome[];
    const points = [0.3, 0.35, 0.4, 0.45, 0.5].map((t) => {
      const calibration = DEFAULT_RETRIEVAL.calibration;
      const abstain = own.map(
        (o) => confidenceOf(calibration, o.top, o.margin) < t || o.top < DEFAULT_RETRIEVAL.minScore,
      );
      const right = own.flatMap((o, j) => (inScope(o) ? [hit1(o) && abstain[j] !== true] : []));
      const oos = own.flatMap((o, j) => (inScope(o) ? [] : [abstain[j] === true]));
      return `${t.toFixed(2)}: ${rate(right)}${oos.length > 0 ? ` / ${rate(oos)}` : ''}`;
    });
    console.log(`${task.name.padEnd(18)} ${points.join(' · ')}`);
  });
  const shipped = fitCalibration(outcomes.flat().map((o) => ({ ...o, correct: hit1(o) })));
  const fmt = (x: number): string => x.toFixed(2);
  console.log(
    `\ncalibration fitted on all three (ship as DEFAULT_RETRIEVAL.calibration): { a: ${fmt(shipped.a)}, b: ${fmt(shipped.b)}, c: ${fmt(shipped.c)} }`,
  );

  console.log('\n2-fold (50/50 split per label), no abstention:');
  const halves = await loadTasks(2);
  for (const task of halves) {
    console.log(report(task.name, runTask(task, DEFAULT_RETRIEVAL, withSynonyms)));
  }

  console.log(`\nablations (${FOLDS}-fold, no abstention), each against the defaults above:`);
  for (const [name, params, analysis] of ABLATIONS) {
    console.log(`- ${name}`);
    for (const task of tasks) {
      console.log(
        `  ${report(task.name, runTask(task, { ...DEFAULT_RETRIEVAL, ...params }, { ...withSynonyms, ...analysis }))}`,
      );
    }
  }
}
