import {
  CUSTOMER_ACTS,
  EMOTIONS,
  EMPATHY_FAMILIES,
  SLOT_NAMES,
  type SlotName,
} from '../../../src/domain/taxonomy.js';
import { score, type Report } from '../emotion-lib/metrics.js';
import type { Judged } from './read-corpus.js';

const CALM: ReadonlySet<string> = new Set(['neutral', 'positive']);

export interface Ratio {
  hit: number;
  of: number;
}
const ratio = (r: Ratio): number => (r.of === 0 ? Number.NaN : r.hit / r.of);

/** Every figure the corpus evaluation reports, for one set of judged messages (a fold, or all). */
export interface Figures {
  emotion: Report;
  family: Report;
  act: Report;
  /** Share of calm or positive customers read as angry. */
  falseAnger: number;
  urgentRecall: number;
  urgentPrecision: number;
  urgentCause: number;
  flagPrecision: number;
  flagRecall: number;
  actSlot: number;
  intent: number;
  category: number;
  /** Exact match of every checked slot value, and per slot. */
  slots: number;
  perSlot: Partial<Record<SlotName, Ratio>>;
  amounts: number;
  slotIssues: number;
}

/** Scores judged messages on every facet the corpus labels. */
export function figures(judged: readonly Judged[]): Figures {
  const e = judged.map((j) => j.message.expect);
  const a = judged.map((j) => j.analysis);
  const calm = judged.filter((j) => CALM.has(j.message.expect.emotion));
  const urgentGold = judged.filter((j) => j.message.expect.urgent);
  const urgentRead = judged.filter((j) => j.analysis.urgency?.urgent === true);
  let flagTp = 0;
  let flagRead = 0;
  let flagGold = 0;
  const perSlot: Partial<Record<SlotName, Ratio>> = {};
  const slotAll: Ratio = { hit: 0, of: 0 };
  const amounts: Ratio = { hit: 0, of: 0 };
  const issues: Ratio = { hit: 0, of: 0 };
  const actSlot: Ratio = { hit: 0, of: 0 };
  const category: Ratio = { hit: 0, of: 0 };
  for (const { message, analysis } of judged) {
    const x = message.expect;
    const read = new Set(analysis.flags);
    flagRead += read.size;
    flagGold += x.flags.length;
    flagTp += x.flags.filter((f) => read.has(f)).length;
    for (const slot of SLOT_NAMES) {
      const want = x.slots?.[slot];
      if (want === undefined) continue;
      const r = (perSlot[slot] ??= { hit: 0, of: 0 });
      const ok = analysis.slots[slot]?.value === want;
      r.of += 1;
      slotAll.of += 1;
      if (ok) {
        r.hit += 1;
        slotAll.hit += 1;
      }
    }
    if (x.amounts !== undefined) {
      amounts.of += 1;
      const got = (analysis.amounts ?? []).map((m) => `${m.value}/${m.role}`).sort();
      const want = x.amounts.map((m) => `${m.value}/${m.role}`).sort();
      if (got.join('|') === want.join('|')) amounts.hit += 1;
    }
    if (x.slotIssues !== undefined) {
      issues.of += 1;
      const got = (analysis.slotIssues ?? []).map((i) => `${i.slot}/${i.problem}`).sort();
      if (
        got.join('|') ===
        x.slotIssues
          .map((i) => `${i.slot}/${i.problem}`)
          .sort()
          .join('|')
      )
        issues.hit += 1;
    }
    if (x.actSlot !== undefined) {
      actSlot.of += 1;
      if (
        analysis.act?.slot === x.actSlot &&
        (x.actValue === undefined || analysis.act.value === x.actValue)
      )
        actSlot.hit += 1;
    }
    if (x.category !== undefined) {
      category.of += 1;
      if (analysis.category === x.category) category.hit += 1;
    }
  }
  return {
    emotion: score(
      EMOTIONS,
      e.map((x) => x.emotion),
      a.map((y) => y.emotion),
    ),
    family: score(
      EMPATHY_FAMILIES,
      e.map((x) => x.family),
      a.map((y) => y.empathy?.family ?? 'none'),
    ),
    act: score(
      CUSTOMER_ACTS,
      e.map((x) => x.act),
      a.map((y) => y.act?.kind ?? 'other'),
    ),
    falseAnger: ratio({
      hit: calm.filter((j) => j.analysis.emotion === 'angry').length,
      of: calm.length,
    }),
    urgentRecall: ratio({
      hit: urgentGold.filter((j) => j.analysis.urgency?.urgent === true).length,
      of: urgentGold.length,
    }),
    urgentPrecision: ratio({
      hit: urgentRead.filter((j) => j.message.expect.urgent).length,
      of: urgentRead.length,
    }),
    urgentCause: ratio({
      hit: urgentGold.filter((j) => j.analysis.urgency?.cause === j.message.expect.urgencyCause)
        .length,
      of: urgentGold.length,
    }),
    flagPrecision: ratio({ hit: flagTp, of: flagRead }),
    flagRecall: ratio({ hit: flagTp, of: flagGold }),
    actSlot: ratio(actSlot),
    intent: ratio({
      hit: judged.filter((j) => j.analysis.intent === j.message.expect.intent).length,
      of: judged.length,
    }),
    category: ratio(category),
    slots: ratio(slotAll),
    perSlot,
    amounts: ratio(amounts),
    slotIssues: ratio(issues),
  };
}

/** Macro-F1 over the labels that occur in the gold set only (acts absent from a fold would score 0). */
export function presentMacroF1(report: Report): number {
  const present = report.perLabel.filter((s) => s.support > 0);
  return present.length === 0 ? Number.NaN : present.reduce((t, s) => t + s.f1, 0) / present.length;
}
