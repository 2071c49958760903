import { z } from 'zod';
import {
  locateInBundle,
  parseBundle,
  type BundledFile,
  type LocatedProblem,
} from '../../config/config-bundle.js';
import type { ConfigKind } from '../../config/config-version.js';
import { flowSetFromFiles } from '../../flows/flow.loader.js';
import { HandoffRules, type FlowSet } from '../../flows/flow.schema.js';
import { scriptBookFromFiles, type ScriptBook } from '../../flows/script-book.js';
import { parseYaml, type ConfigProblem, type ConfigResult } from '../../flows/yaml-config.js';
import { BusinessHours } from '../../handoff/business-hours.js';
import { CannedDraft } from '../../handoff/canned-response.js';
import { knowledgeFromFiles, type KnowledgeFiles } from '../../knowledge/jsonl.knowledge-loader.js';
import { KnowledgeFileError } from '../../knowledge/knowledge-error.js';
import { TestsFile } from './conversation-test.js';

/** Where a kind's shipped files are, relative to CONFIG_DIR (`config`) or the prompts folder. */
export interface SeedSource {
  root: 'config' | 'prompts';
  /** Folders under the root; a file is bundled as `<folder>/<name>` when there are several. */
  folders: readonly string[];
  files: RegExp;
}

interface KindSpec<T> {
  /** No seed: the kind starts with no version until an admin saves one. */
  seed?: SeedSource;
  /** What the running app would use; every problem names its file and the file's line. */
  load(files: readonly BundledFile[]): ConfigResult<T>;
}

/** The configuration the app runs on, per kind, as loaded from a version's body. */
export interface KindValues {
  flows: FlowSet;
  scripts: ScriptBook;
  knowledge: KnowledgeFiles;
  prompts: ReadonlyMap<string, string>;
  rules: RulesFile;
  business_hours: BusinessHoursFile;
  canned: CannedFile;
  tests: TestsFile;
}

/** Handoff thresholds laid over every flow's own (`rules.yaml`). */
const RulesFile = z.strictObject({ handoff: HandoffRules.partial() });
export type RulesFile = z.infer<typeof RulesFile>;

/**
 * `business-hours.yaml`: agent hours (`mon-fri 09:00-18:00`) in an IANA time zone, and the minutes
 * each severity may wait for an agent (HANDOFF_SLA_MINUTES when left out).
 */
const BusinessHoursFile = z
  .strictObject({
    hours: z.string(),
    timeZone: z.string(),
    slaMinutes: z
      .strictObject({
        P1: z.number().int().positive(),
        P2: z.number().int().positive(),
        P3: z.number().int().positive(),
        P4: z.number().int().positive(),
      })
      .optional(),
  })
  .superRefine(({ hours, timeZone }, ctx) => {
    try {
      new BusinessHours(hours, timeZone).isOpen(new Date());
    } catch (error) {
      ctx.addIssue({ code: 'custom', path: ['hours'], message: (error as Error).message });
    }
  });
export type BusinessHoursFile = z.infer<typeof BusinessHoursFile>;

/** `canned.yaml`: the agents' canned responses, one shortcut per language. */
const CannedFile = z.strictObject({ responses: z.array(CannedDraft) }).superRefine((file, ctx) => {
  const seen = new Set<string>();
  file.responses.forEach((r, index) => {
    const key = `${r.lang} ${r.shortcut}`;
    if (seen.has(key))
      ctx.addIssue({
        code: 'custom',
        path: ['responses', index, 'shortcut'],
        message: `${r.shortcut} is already used in ${r.lang}`,
      });
    seen.add(key);
  });
});
type CannedFile = z.infer<typeof CannedFile>;

/** One YAML file validated by a schema. */
function singleYaml<S extends z.ZodType>(name: string, schema: S): KindSpec<z.output<S>> {
  return {
    load(files) {
      const extra = files.filter((f) => f.name !== name);
      if (extra.length > 0)
        return {
          ok: false,
          problems: extra.map((f) => ({
            file: f.name,
            line: 1,
            message: `only ${name} belongs here`,
          })),
        };
      const file = files.find((f) => f.name === name);
      if (!file)
        return { ok: false, problems: [{ file: name, line: 1, message: 'file is missing' }] };
      const read = parseYaml(name, file.text, schema);
      return read.ok ? { ok: true, value: read.value.data } : read;
    },
  };
}

const PROMPT_FOLDERS = ['faq', 'replies', 'summary', 'understanding'] as const;

export const KIND_SPECS: { [K in ConfigKind]: KindSpec<KindValues[K]> } = {
  flows: {
    seed: { root: 'config', folders: ['flows'], files: /\.ya?ml$/ },
    load: (files) => flowSetFromFiles(files),
  },
  scripts: {
    seed: { root: 'prompts', folders: ['scripts'], files: /^(zh|en)\.yaml$/ },
    load: (files) => scriptBookFromFiles(files),
  },
  knowledge: {
    seed: { root: 'config', folders: ['knowledge'], files: /\.jsonl$|^synonyms\.txt$/ },
    load(files) {
      try {
        return { ok: true, value: knowledgeFromFiles(files) };
      } catch (error) {
        if (!(error instanceof KnowledgeFileError)) throw error;
        const prefix = `${error.file}:${error.line}: `;
        const message = error.message.startsWith(prefix)
          ? error.message.slice(prefix.length)
          : error.message;
        return { ok: false, problems: [{ file: error.file, line: error.line, message }] };
      }
    },
  },
  prompts: {
    seed: { root: 'prompts', folders: PROMPT_FOLDERS, files: /\.md$/ },
    load(files) {
      const problems: ConfigProblem[] = files.flatMap((f) => {
        if (!/\.md$/.test(f.name) || !PROMPT_FOLDERS.some((d) => f.name.startsWith(`${d}/`)))
          return [
            {
              file: f.name,
              line: 1,
              message: `a prompt is <${PROMPT_FOLDERS.join('|')}>/<name>.md`,
            },
          ];
        return f.text.trim() === ''
          ? [{ file: f.name, line: 1, message: 'the prompt is empty' }]
          : [];
      });
      return problems.length > 0
        ? { ok: false, problems }
        : { ok: true, value: new Map(files.map((f) => [f.name, f.text])) };
    },
  },
  rules: singleYaml('rules.yaml', RulesFile),
  business_hours: singleYaml('business-hours.yaml', BusinessHoursFile),
  canned: singleYaml('canned.yaml', CannedFile),
  tests: {
    ...singleYaml('tests.yaml', TestsFile),
    seed: { root: 'config', folders: ['tests'], files: /^tests\.yaml$/ },
  },
};

export type BodyResult<T> = { ok: true; value: T } | { ok: false; problems: LocatedProblem[] };

/** Loads a version's body as its kind; every problem is placed on the body line the editor shows. */
export function loadBody<K extends ConfigKind>(kind: K, body: string): BodyResult<KindValues[K]> {
  const bundle = parseBundle(body);
  if (!bundle.ok) return bundle;
  const spec = KIND_SPECS[kind] as KindSpec<KindValues[K]>;
  const loaded = spec.load(bundle.files);
  if (loaded.ok) return loaded;
  return {
    ok: false,
    problems: loaded.problems
      .map((p) => locateInBundle(bundle.files, p))
      .sort((a, b) => a.line - b.line),
  };
}

/** The problems of a body as its kind (none: it can be saved). */
export function validateBody(kind: ConfigKind, body: string): LocatedProblem[] {
  const loaded = loadBody(kind, body);
  return loaded.ok ? [] : loaded.problems;
}
