/**
 * `npm run eval [name…]` and `npm run bench [name…]`: run every module in scripts/eval/ or
 * scripts/bench/ (or the named ones). Evaluations score the dev splits in ../shared/data; benchmarks
 * print medians, p95/p99 and throughput. Each module exports `run(): Promise<void>`.
 */
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [suite, ...wanted] = process.argv.slice(2);
if (suite !== 'eval' && suite !== 'bench')
  throw new Error('usage: run-suite.ts eval|bench [name…]');
const dir = join(fileURLToPath(new URL('.', import.meta.url)), suite);
const files = (await readdir(dir)).filter((f) => f.endsWith('.ts')).sort();
for (const file of files) {
  const name = basename(file, '.ts');
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`\n=== ${suite}: ${name} ===`);
  const module = (await import(join(dir, file))) as { run(): Promise<void> };
  await module.run();
}
