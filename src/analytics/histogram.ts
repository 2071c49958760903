import { HISTOGRAM } from '../records/migrations/0004-analytics-rollups.js';

/**
 * Percentiles from the rollups' fixed histograms of seconds (migration 0004): bucket 0 is [0, 1 s),
 * bucket k ≥ 1 is [2^((k−1)/4), 2^(k/4)) s, the last open-ended. Each value is taken at its bucket's
 * geometric middle and the ranks are interpolated as `percentile_cont` does, so a percentile is
 * within 9.1 % (+ 0.5 s under a second) of the exact one for times under 2^24.75 s (about 326 days).
 */
export const HISTOGRAM_ERROR = {
  relative: 2 ** (1 / (2 * HISTOGRAM.perDoubling)) - 1,
  seconds: 0.5,
};

/** The value a bucket stands for. */
export function bucketValue(bucket: number): number {
  if (bucket === 0) return 0.5;
  const last = HISTOGRAM.buckets - 1;
  // The open-ended last bucket stands for its lower bound.
  const exponent =
    bucket === last ? (last - 1) / HISTOGRAM.perDoubling : (bucket - 0.5) / HISTOGRAM.perDoubling;
  return 2 ** exponent;
}

/** `percentile_cont(p)` of the values a histogram counts; null when it counts none. */
export function histogramPercentile(counts: readonly number[], p: number): number | null {
  const total = counts.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const rank = p * (total - 1);
  const valueAt = (index: number): number => {
    let seen = 0;
    for (const [bucket, n] of counts.entries()) {
      seen += n;
      if (index < seen) return bucketValue(bucket);
    }
    return bucketValue(counts.length - 1);
  };
  const low = Math.floor(rank);
  const lower = valueAt(low);
  return lower + (rank - low) * (valueAt(Math.ceil(rank)) - lower);
}
