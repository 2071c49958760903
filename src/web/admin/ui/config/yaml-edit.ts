import { Document, isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { bundleHeader, parseBundle } from '../../../../config/config-bundle.js';

type Path = readonly (string | number)[];
const TO_STRING = { lineWidth: 0, flowCollectionPadding: false } as const;

/** One file's text of a bundled body (`# ==> name <==` sections), or undefined. */
export function bundledText(body: string, name: string): string | undefined {
  const bundle = parseBundle(body);
  return bundle.ok ? bundle.files.find((f) => f.name === name)?.text : undefined;
}

/**
 * The body with one file's section replaced (added at the end when missing); every other line of
 * the body stays byte for byte.
 */
export function withBundledText(body: string, name: string, text: string): string {
  const lines = body.split('\n');
  const header = lines.findIndex((l) => l.trimEnd() === bundleHeader(name));
  const section = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  if (header < 0) {
    const head = body === '' || body.endsWith('\n') ? body : `${body}\n`;
    return `${head}${bundleHeader(name)}\n${section.join('\n')}\n`;
  }
  let end = header + 1;
  while (end < lines.length && !/^# ==> .+ <==\s*$/.test(lines[end] ?? '')) end += 1;
  // Keep the section's own trailing newline: the next header (or the end) follows as before.
  const tail = end < lines.length || lines.at(-1) === '' ? [''] : [];
  const replaced = [...lines.slice(0, header + 1), ...section];
  if (end < lines.length) return [...replaced, ...lines.slice(end)].join('\n');
  return [...replaced, ...tail].join('\n');
}

/** The value at a path of a YAML text, as plain data (undefined when absent or unreadable). */
export function yamlValue(text: string, path: Path): unknown {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return undefined;
  const node = doc.getIn(path, true);
  return node === undefined ? undefined : (node as Node).toJSON();
}

/** How a value is written in place of `node` (same flow or block style as the node had). */
function render(value: unknown, node: Node | undefined, column: number): string {
  const doc = new Document(value);
  if (isSeq(doc.contents) && isSeq(node) && node.flow) doc.contents.flow = true;
  const text = doc.toString(TO_STRING).replace(/\n$/, '');
  return text.split('\n').join(`\n${' '.repeat(column)}`);
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/**
 * A YAML text with the value at `path` set (`undefined` removes it). An existing node is
 * rewritten in place, so comments and every other line stay as they were; a new key under an
 * existing block map is added as its last line. Anything else (a missing parent, a removal) goes
 * through the `yaml` Document API, which keeps comments but may respace the file.
 */
export function withYamlValue(text: string, path: Path, value: unknown): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(doc.errors[0]?.message ?? 'the YAML does not parse');
  const node = doc.getIn(path, true) as Node | undefined;
  if (value !== undefined && node?.range && (isScalar(node) || isSeq(node) || isMap(node))) {
    const [start, end] = node.range;
    const written = render(value, node, columnOf(text, start));
    // A block collection's range runs to the start of the next line; keep that newline.
    const stop = text.slice(start, end).endsWith('\n') ? end - 1 : end;
    return text.slice(0, start) + written + text.slice(stop);
  }
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  const key = path.at(-1);
  if (value !== undefined && typeof key === 'string' && isMap(parent) && !parent.flow) {
    const last = parent.items.at(-1);
    const lastNode = (last?.value ?? last?.key) as Node | undefined;
    const firstKey = parent.items[0]?.key as Node | undefined;
    if (lastNode?.range && firstKey?.range) {
      const column = columnOf(text, firstKey.range[0]);
      // After the last pair's line (past a comment on it); a nested block ends on a newline.
      const end = lastNode.range[1];
      const newline = text.indexOf('\n', text.slice(0, end).endsWith('\n') ? end - 1 : end);
      const at = newline < 0 ? text.length : newline;
      const line = `${' '.repeat(column)}${render({ [key]: value }, undefined, column)}`;
      return `${text.slice(0, at)}\n${line}${text.slice(at)}`;
    }
  }
  if (value === undefined) doc.deleteIn(path);
  else doc.setIn(path, value);
  return doc.toString(TO_STRING);
}
