/** Measurement helpers shared by the benchmarks in scripts/bench/. */

/** Nearest-rank percentile (p in 0–100) of samples sorted ascending; NaN when there are none. */
export function percentile(sorted: readonly number[], p: number): number {
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ??
    NaN
  );
}

/** Runs `fn` `n` times, one after another, and returns each run's wall time in milliseconds. */
export async function timeSamples(n: number, fn: () => unknown): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return samples;
}

/** "p50 … µs, p99 … µs (n=…)" for samples in milliseconds. */
export function microsecondPercentiles(samplesMs: readonly number[]): string {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const us = (p: number): string => (percentile(sorted, p) * 1000).toFixed(1);
  return `p50 ${us(50)} µs, p99 ${us(99)} µs (n=${sorted.length})`;
}
