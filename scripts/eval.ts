/**
 * `npm run eval [name…]`: runs every evaluation in scripts/eval/ (or the named ones) over the dev
 * splits in ../shared/data and prints its figures. Each module exports `run(): Promise<void>`.
 */
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(fileURLToPath(new URL('.', import.meta.url)), 'eval');
const wanted = process.argv.slice(2);
const files = (await readdir(dir)).filter((f) => f.endsWith('.ts')).sort();
for (const file of files) {
  const name = basename(file, '.ts');
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`\n=== eval: ${name} ===`);
  const module = (await import(join(dir, file))) as { run(): Promise<void> };
  await module.run();
}
