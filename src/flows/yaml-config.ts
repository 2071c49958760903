import { LineCounter, isNode, parseDocument, visit, type Document } from 'yaml';
import type { z } from 'zod';

/** One thing wrong with a configuration file, located for the admin who has to fix it. */
export interface ConfigProblem {
  file: string;
  line: number;
  message: string;
}

/** A configuration file's name (inside its folder) and text. */
export interface ConfigFile {
  name: string;
  text: string;
}

export type ConfigResult<T> = { ok: true; value: T } | { ok: false; problems: ConfigProblem[] };

export function formatProblem(problem: ConfigProblem): string {
  return `${problem.file}:${problem.line}: ${problem.message}`;
}

/** Locates a value inside a parsed YAML document so problems found later can name their line. */
export interface YamlLocator {
  file: string;
  lineOf(path: readonly PropertyKey[]): number;
}

/** Parses YAML text and validates it with a zod schema; every problem names file and line. */
export function parseYaml<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
): ConfigResult<{ data: z.output<S>; locate: YamlLocator }> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => ({
        file,
        line: error.linePos?.[0].line ?? 1,
        message: error.message.split('\n')[0] ?? error.code,
      })),
    };
  }
  const locate: YamlLocator = { file, lineOf: (path) => lineOf(doc, lineCounter, path) };
  let value: unknown;
  try {
    // An alias without its anchor, or one that expands too far (a "billion laughs"), throws here.
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ file, line: aliasLine(doc, lineCounter), message }] };
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        file,
        line: locate.lineOf(issue.path),
        message: `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`,
      })),
    };
  }
  return { ok: true, value: { data: parsed.data, locate } };
}

/** Aliases a configuration file may expand; enough for shared wordings, too few for a YAML bomb. */
const MAX_ALIAS_COUNT = 100;

/** The line of the first alias whose anchor is missing, else of the first alias (1 without one). */
function aliasLine(doc: Document, lineCounter: LineCounter): number {
  let first: number | undefined;
  let unresolved: number | undefined;
  visit(doc, {
    Alias(_, alias) {
      const line = lineCounter.linePos(alias.range?.[0] ?? 0).line;
      first ??= line;
      if (alias.resolve(doc) === undefined) {
        unresolved = line;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return unresolved ?? first ?? 1;
}

/** The line of the deepest node that exists along `path` (a missing key points at its parent). */
function lineOf(doc: Document, lineCounter: LineCounter, path: readonly PropertyKey[]): number {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const keys = path.slice(0, depth).filter((k) => typeof k !== 'symbol');
    const node: unknown = depth === 0 ? doc.contents : doc.getIn(keys, true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return 1;
}
