import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Category } from '../domain/taxonomy.js';
import { DefaultsFile, FlowFile, type Flow, type FlowSet } from './flow.schema.js';
import {
  parseYaml,
  type ConfigFile,
  type ConfigProblem,
  type ConfigResult,
} from './yaml-config.js';

export const DEFAULTS_FILE = 'defaults.yaml';

/** Reads `defaults.yaml` and one `<category>.yaml` per flow from a folder; all problems at once. */
export async function loadFlowSet(dir: string): Promise<ConfigResult<FlowSet>> {
  const names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n));
  const files = await Promise.all(
    names.map(async (name) => ({ name, text: await readFile(join(dir, name), 'utf8') })),
  );
  return flowSetFromFiles(files, dir);
}

/**
 * The flow set of `defaults.yaml` and one `<category>.yaml` per flow; problems name
 * `join(dir, file)` and its line.
 */
export function flowSetFromFiles(files: readonly ConfigFile[], dir = ''): ConfigResult<FlowSet> {
  const defaultsText = files.find((f) => f.name === DEFAULTS_FILE)?.text;
  const defaults =
    defaultsText === undefined
      ? ({
          ok: false,
          problems: [{ file: join(dir, DEFAULTS_FILE), line: 1, message: 'file is missing' }],
        } as const)
      : parseYaml(join(dir, DEFAULTS_FILE), defaultsText, DefaultsFile);
  const flowFiles = files.filter((f) => /\.ya?ml$/.test(f.name) && f.name !== DEFAULTS_FILE);
  const problems: ConfigProblem[] = defaults.ok ? [] : [...defaults.problems];
  const flows = new Map<Category, Flow>();
  const seen = new Set<Category>();
  for (const { name, text } of [...flowFiles].sort((a, b) => a.name.localeCompare(b.name))) {
    const file = join(dir, name);
    const read = parseYaml(file, text, FlowFile);
    if (!read.ok) {
      problems.push(...read.problems);
      continue;
    }
    const { data, locate } = read.value;
    if (seen.has(data.category)) {
      problems.push({
        file,
        line: locate.lineOf(['category']),
        message: `category: a flow for ${data.category} is already defined`,
      });
      continue;
    }
    seen.add(data.category);
    if (!defaults.ok) continue;
    const base = defaults.value.data;
    const flow: Flow = {
      category: data.category,
      required: data.required,
      optional: data.optional,
      products: data.products,
      policy: { ...base.policy, ...data.policy },
      handoff: { ...base.handoff, ...data.handoff },
      questions: { ...base.questions, ...data.questions },
      reasons: base.reasons,
      urgentSteps: { ...base.urgentSteps, ...data.urgentSteps },
    };
    for (const key of ['required', 'optional'] as const) {
      flow[key].forEach((slot, index) => {
        if (!flow.questions[slot])
          problems.push({
            file,
            line: locate.lineOf([key, index]),
            message: `${key}.${index}: no question for slot ${slot} here or in ${DEFAULTS_FILE}`,
          });
      });
    }
    flows.set(data.category, flow);
  }
  const fallback = flows.get('other');
  // A flow for `other` that failed only because defaults.yaml did is not missing.
  if (!seen.has('other'))
    problems.push({
      file: join(dir, 'other.yaml'),
      line: 1,
      message: 'the `other` flow is required',
    });
  if (problems.length > 0 || !defaults.ok || !fallback) return { ok: false, problems };
  const products = [...new Set([...flows.values()].flatMap((f) => f.products))];
  return {
    ok: true,
    value: {
      flowFor: (category) => flows.get(category) ?? fallback,
      products,
      unknownPhrases: defaults.value.data.unknownPhrases,
      assent: defaults.value.data.assent,
      deedCues: defaults.value.data.deedCues,
      pacing: defaults.value.data.pacing,
    },
  };
}
