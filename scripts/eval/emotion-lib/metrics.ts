/** Per-label precision/recall/F1, macro-F1 and a confusion matrix, printed as a small table. */

export interface LabelScore {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Report {
  labels: readonly string[];
  perLabel: LabelScore[];
  macroF1: number;
  accuracy: number;
  /** confusion[gold][predicted] */
  confusion: number[][];
}

export function score(
  labels: readonly string[],
  gold: readonly string[],
  predicted: readonly string[],
): Report {
  const index = new Map(labels.map((l, i) => [l, i]));
  const confusion = labels.map(() => labels.map(() => 0));
  let correct = 0;
  gold.forEach((g, i) => {
    const p = predicted[i] ?? '';
    const gi = index.get(g);
    const pi = index.get(p);
    if (gi === undefined || pi === undefined) throw new Error(`unknown label ${g} / ${p}`);
    const row = confusion[gi];
    if (row !== undefined) row[pi] = (row[pi] ?? 0) + 1;
    if (g === p) correct += 1;
  });
  const perLabel = labels.map((label, k) => {
    const tp = confusion[k]?.[k] ?? 0;
    const support = (confusion[k] ?? []).reduce((a, b) => a + b, 0);
    const predictedK = confusion.reduce((a, row) => a + (row[k] ?? 0), 0);
    const precision = predictedK === 0 ? 0 : tp / predictedK;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, precision, recall, f1, support };
  });
  const macroF1 = perLabel.reduce((a, s) => a + s.f1, 0) / labels.length;
  return {
    labels,
    perLabel,
    macroF1,
    accuracy: gold.length === 0 ? 0 : correct / gold.length,
    confusion,
  };
}

const f = (x: number): string => x.toFixed(3);

export function print(title: string, r: Report): void {
  console.log(
    `\n${title}: macro-F1 ${f(r.macroF1)}  accuracy ${f(r.accuracy)}  (n=${r.perLabel.reduce((a, s) => a + s.support, 0)})`,
  );
  console.log(
    `  ${'label'.padEnd(10)} ${'P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)} ${'n'.padStart(5)}`,
  );
  for (const s of r.perLabel) {
    console.log(
      `  ${s.label.padEnd(10)} ${f(s.precision).padStart(6)} ${f(s.recall).padStart(6)} ${f(s.f1).padStart(6)} ${String(s.support).padStart(5)}`,
    );
  }
  console.log(`  confusion (rows gold, columns predicted): ${r.labels.join(' ')}`);
  r.confusion.forEach((row, i) => {
    console.log(
      `  ${(r.labels[i] ?? '').padEnd(10)} ${row.map((n) => String(n).padStart(5)).join(' ')}`,
    );
  });
}
