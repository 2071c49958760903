#!/usr/bin/env node
// `npm start` rebuilds only when a build input changed since the last build (a fresh checkout, an
// edited source): `check` exits 0 when dist/ is current, 1 when stale; `write` records a build.
// Plain Node, no dependencies, so the check costs milliseconds instead of a 20-second rebuild.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';

const STAMP = 'dist/.build-stamp';
/** Everything `npm run build` reads. */
const INPUTS = [
  'src',
  'scripts/build-browser-bundles.ts',
  'tsconfig.json',
  'tsconfig.build.json',
  'package.json',
  'package-lock.json',
];

function newestInputMs() {
  let newest = 0;
  for (const input of INPUTS) {
    if (!existsSync(input)) continue;
    const stat = statSync(input);
    if (!stat.isDirectory()) {
      newest = Math.max(newest, stat.mtimeMs);
      continue;
    }
    for (const entry of readdirSync(input, { recursive: true, withFileTypes: true })) {
      if (entry.isFile())
        newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

const command = process.argv[2];
if (command === 'write') {
  writeFileSync(STAMP, `${JSON.stringify({ newestInputMs: newestInputMs() })}\n`);
} else if (command === 'check') {
  let recorded = -1;
  try {
    recorded = JSON.parse(readFileSync(STAMP, 'utf8')).newestInputMs;
  } catch {
    // no stamp yet: stale
  }
  const fresh =
    existsSync('dist/main.js') && typeof recorded === 'number' && newestInputMs() <= recorded;
  if (!fresh) process.stderr.write('dist/ is older than its sources: building first\n');
  process.exit(fresh ? 0 : 1);
} else {
  process.stderr.write('usage: build-stamp.mjs check|write\n');
  process.exit(2);
}
