/**
 * One configuration kind as one text (a version's body): the files of its folder, each after a
 * header line `# ==> name <==` (as `head` prints several files). The header is a comment in YAML, so
 * an editor's YAML mode reads the whole bundle; every file keeps its own name and line numbers.
 */

/** One file of a bundle; `firstLine` is the bundle line its first line sits on. */
export interface BundledFile {
  name: string;
  text: string;
  firstLine: number;
}

/** A problem in one file, located at the bundle line the editor shows and the file's own line. */
export interface LocatedProblem {
  line: number;
  file?: string;
  fileLine?: number;
  path?: string;
  message: string;
}

export type BundleResult =
  { ok: true; files: BundledFile[] } | { ok: false; problems: LocatedProblem[] };

const HEADER = /^# ==> (.+) <==\s*$/;
/** A relative path of plain segments: no `..`, no leading slash. */
const FILE_NAME = /^(?!.*(?:^|\/)\.\.?(?:\/|$))[\w.-]+(?:\/[\w.-]+)*$/;

export function bundleHeader(name: string): string {
  return `# ==> ${name} <==`;
}

/** Joins files into one body (sorted by name) so a folder seeds a version. */
export function formatBundle(files: readonly { name: string; text: string }[]): string {
  return [...files]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(({ name, text }) => `${bundleHeader(name)}\n${text.endsWith('\n') ? text : `${text}\n`}`)
    .join('');
}

/** Splits a body into its files; text before the first header and repeated names are problems. */
export function parseBundle(body: string): BundleResult {
  const lines = body.split(/\r?\n/);
  const problems: LocatedProblem[] = [];
  const files: { name: string; lines: string[]; firstLine: number }[] = [];
  lines.forEach((line, index) => {
    const header = HEADER.exec(line);
    if (header) {
      const name = (header[1] ?? '').trim();
      if (!FILE_NAME.test(name))
        problems.push({ line: index + 1, message: `"${name}" is not a file name` });
      else if (files.some((f) => f.name === name))
        problems.push({ line: index + 1, message: `file ${name} appears twice` });
      files.push({ name, lines: [], firstLine: index + 2 });
      return;
    }
    const current = files.at(-1);
    if (current) current.lines.push(line);
    else if (line.trim() !== '' && problems.length === 0)
      problems.push({
        line: index + 1,
        message: `text before the first file header; start each file with ${bundleHeader('name')}`,
      });
  });
  if (files.length === 0 && problems.length === 0)
    problems.push({ line: 1, message: `no file; start each file with ${bundleHeader('name')}` });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    files: files.map(({ name, lines: text, firstLine }) => ({
      name,
      text: text.join('\n'),
      firstLine,
    })),
  };
}

/** Places a loader's `{ file, line }` problem on the bundle line of that file's line. */
export function locateInBundle(
  files: readonly BundledFile[],
  problem: { file: string; line: number; message: string },
): LocatedProblem {
  const file = files.find((f) => f.name === problem.file);
  if (!file) return { line: 1, file: problem.file, message: problem.message };
  return {
    line: file.firstLine + problem.line - 1,
    file: file.name,
    fileLine: problem.line,
    message: problem.message,
  };
}
