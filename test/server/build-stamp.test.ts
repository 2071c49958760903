import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../../scripts/build-stamp.mjs', import.meta.url));

describe('npm start rebuilds only a stale dist/', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const project = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'qt-stamp-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'src/deep'), { recursive: true });
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'src/deep/a.ts'), 'export {};\n');
    writeFileSync(join(dir, 'package.json'), '{}\n');
    writeFileSync(join(dir, 'dist/main.js'), '\n');
    return dir;
  };
  const run = (dir: string, command: string): number | null =>
    spawnSync(process.execPath, [SCRIPT, command], { cwd: dir, stdio: 'ignore' }).status;

  it('is stale with no stamp, fresh after a build, stale again when any input is newer', () => {
    const dir = project();
    expect(run(dir, 'check')).toBe(1);
    expect(run(dir, 'write')).toBe(0);
    expect(run(dir, 'check')).toBe(0);
    const later = new Date(Date.now() + 5000);
    utimesSync(join(dir, 'src/deep/a.ts'), later, later);
    expect(run(dir, 'check')).toBe(1);
    expect(run(dir, 'write')).toBe(0);
    expect(run(dir, 'check')).toBe(0);
    rmSync(join(dir, 'dist/main.js'));
    expect(run(dir, 'check')).toBe(1);
  });
});
