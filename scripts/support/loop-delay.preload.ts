/**
 * Preloaded (`--import`) into a benchmarked server: samples its event-loop delay and, on SIGUSR2,
 * writes what it saw since the last signal to LOOP_DELAY_FILE (then starts afresh), so a bench can
 * read the delay of one measured window without the server knowing it is measured.
 */
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export type LoopDelay = { seq: number; p50: number; p99: number; max: number; mean: number };

const file = process.env.LOOP_DELAY_FILE;
if (file !== undefined && file !== '') {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  let seq = 0;
  const ms = (ns: number): number => ns / 1e6;
  process.on('SIGUSR2', () => {
    seq += 1;
    const report: LoopDelay = {
      seq,
      p50: ms(histogram.percentile(50)),
      p99: ms(histogram.percentile(99)),
      max: ms(histogram.max),
      mean: ms(histogram.mean),
    };
    writeFileSync(file, JSON.stringify(report));
    histogram.reset();
  });
}
