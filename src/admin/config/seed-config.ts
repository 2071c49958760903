import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatBundle } from '../../config/config-bundle.js';
import { CONFIG_KINDS, type ConfigKind } from '../../config/config-version.js';
import type { ConfigVersions } from '../../config/config-versions.port.js';
import { KIND_SPECS, validateBody } from './config-kinds.js';

/** The folders the shipped configuration is read from. */
export interface SeedRoots {
  configDir: string;
  promptsDir: string;
}

/** Who the seeded versions name as author and publisher. */
export const SEED_AUTHOR = 'seed';

/** A kind's shipped files as one body, or undefined when the kind ships none. */
export async function readSeedBody(
  kind: ConfigKind,
  roots: SeedRoots,
): Promise<string | undefined> {
  const seed = KIND_SPECS[kind].seed;
  if (!seed) return undefined;
  const root = seed.root === 'config' ? roots.configDir : roots.promptsDir;
  const several = seed.folders.length > 1;
  const files = [];
  for (const folder of seed.folders) {
    const names = await readdir(join(root, folder)).catch(() => []);
    for (const name of names.filter((n) => seed.files.test(n)))
      files.push({
        name: several ? `${folder}/${name}` : name,
        text: await readFile(join(root, folder, name), 'utf8'),
      });
  }
  return files.length > 0 ? formatBundle(files) : undefined;
}

/**
 * Seeds every kind that has no version yet with its shipped files, published as version 1, so a
 * fresh database runs on what is in git. A shipped file with problems is not seeded (the problems
 * are returned for the log); kinds that already have versions are left alone.
 */
export async function seedConfigVersions(
  configs: ConfigVersions,
  roots: SeedRoots,
): Promise<{ seeded: ConfigKind[]; refused: { kind: ConfigKind; problems: string[] }[] }> {
  const seeded: ConfigKind[] = [];
  const refused: { kind: ConfigKind; problems: string[] }[] = [];
  for (const kind of CONFIG_KINDS) {
    if ((await configs.list(kind)).length > 0) continue;
    const body = await readSeedBody(kind, roots);
    if (body === undefined) continue;
    const problems = validateBody(kind, body);
    if (problems.length > 0) {
      refused.push({
        kind,
        problems: problems.map((p) => `${p.file}:${p.fileLine}: ${p.message}`),
      });
      continue;
    }
    const draft = await configs.saveDraft(kind, body, SEED_AUTHOR);
    await configs.publish(kind, draft.version, SEED_AUTHOR);
    seeded.push(kind);
  }
  return { seeded, refused };
}
