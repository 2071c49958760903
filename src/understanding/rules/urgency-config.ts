import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { UrgencyCause } from '../../domain/taxonomy.js';
import { formatProblem, parseYaml } from '../../flows/yaml-config.js';

const CueList = z.array(z.string().min(1));
const BiCues = z.strictObject({ zh: CueList.default([]), en: CueList.default([]) });

/** One industry's urgency cues: per cause, cues in either language and optionally words that must also appear. */
const Pair = z.strictObject({ a: BiCues, b: BiCues });
export const UrgencyFile = z.strictObject({
  negators: BiCues.optional(),
  causes: z
    .partialRecord(
      UrgencyCause,
      BiCues.extend({
        requires: BiCues.optional(),
        /** Words that make it no emergency: the past ("上个月", "already reported"), a claim, a misreading ("打不着火"). */
        unless: BiCues.optional(),
      }),
    )
    .default({}),
  /** Who is at risk (a) and what is happening (b): both in one message make the case urgent. */
  pairs: z.partialRecord(UrgencyCause, z.array(Pair)).default({}),
});
export type UrgencyFile = z.infer<typeof UrgencyFile>;

export interface UrgencyCues {
  negators: { zh: string[]; en: string[] };
  causes: Partial<
    Record<
      UrgencyCause,
      {
        zh: string[];
        en: string[];
        requires?: { zh: string[]; en: string[] };
        unless?: { zh: string[]; en: string[] };
      }
    >
  >;
  pairs: Partial<Record<UrgencyCause, Array<z.infer<typeof Pair>>>>;
}

/** Thrown when an urgency file is malformed; the message is `file:line: what is wrong`. */
export class UrgencyConfigError extends Error {
  override readonly name = 'UrgencyConfigError';
}

function merge(into: UrgencyCues, file: UrgencyFile): void {
  into.negators.zh.push(...(file.negators?.zh ?? []));
  into.negators.en.push(...(file.negators?.en ?? []));
  for (const [cause, pairs] of Object.entries(file.pairs) as Array<
    [UrgencyCause, Array<z.infer<typeof Pair>>]
  >) {
    (into.pairs[cause] ??= []).push(...pairs);
  }
  for (const [cause, cues] of Object.entries(file.causes) as Array<
    [UrgencyCause, NonNullable<UrgencyFile['causes'][UrgencyCause]>]
  >) {
    const known = (into.causes[cause] ??= { zh: [], en: [] });
    known.zh.push(...cues.zh);
    known.en.push(...cues.en);
    for (const key of ['requires', 'unless'] as const) {
      const extra = cues[key];
      if (extra === undefined) continue;
      const list = (known[key] ??= { zh: [], en: [] });
      list.zh.push(...extra.zh);
      list.en.push(...extra.en);
    }
  }
}

/**
 * Reads `dir/*.yaml` (one file per industry: general, finance, telecom…) and merges the cues;
 * `industries` keeps only the named files. A bad file fails start-up naming its file and line.
 */
export function loadUrgencyCues(dir: string, industries?: readonly string[]): UrgencyCues {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .filter((f) => industries === undefined || industries.includes(f.replace(/\.yaml$/, '')))
    .sort();
  const cues: UrgencyCues = { negators: { zh: [], en: [] }, causes: {}, pairs: {} };
  for (const name of files) {
    const file = join(dir, name);
    const parsed = parseYaml(file, readFileSync(file, 'utf8'), UrgencyFile);
    if (!parsed.ok) throw new UrgencyConfigError(parsed.problems.map(formatProblem).join('\n'));
    merge(cues, parsed.value.data);
  }
  return cues;
}
