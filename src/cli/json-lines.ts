import { createInterface } from 'node:readline';
import { z } from 'zod';

type LineId = string | number;

/** The line's id, when it has a usable one, so an error line can still be matched to its input. */
function idOf(json: unknown): { id?: LineId } {
  const id = typeof json === 'object' && json !== null && 'id' in json ? json.id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? { id } : {};
}

/**
 * The loop every command shares (DESIGN §6): one JSON object per stdin line, validated by `schema`,
 * answered by `handle` on stdout. A bad line — not JSON, failing the schema, or failing in `handle`
 * — gets an `{id?, error}` line on stdout (and a copy on stderr), and processing continues.
 */
export async function mapJsonLines<S extends z.ZodType>(
  schema: S,
  handle: (line: z.output<S>) => Promise<object> | object,
  input: NodeJS.ReadableStream = process.stdin,
): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const raw of lines) {
    if (raw.trim() === '') continue;
    let out: object;
    let json: unknown;
    try {
      json = JSON.parse(raw);
      const parsed = schema.safeParse(json);
      out = parsed.success
        ? await handle(parsed.data)
        : { ...idOf(json), error: z.prettifyError(parsed.error) };
    } catch (error) {
      out =
        error instanceof SyntaxError && json === undefined
          ? { error: 'invalid JSON' }
          : { ...idOf(json), error: error instanceof Error ? error.message : String(error) };
    }
    if ('error' in out) process.stderr.write(`${JSON.stringify(out)}\n`);
    process.stdout.write(`${JSON.stringify(out)}\n`);
  }
}
