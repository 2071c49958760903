import {
  KnowledgeEntrySchema,
  type KnowledgeEntry,
} from '../../../../knowledge/knowledge-entry.js';

/** A knowledge entry of a body and the body line it is on. */
export interface FaqLine {
  entry: KnowledgeEntry;
  line: number;
}

/** The entries of a knowledge body that parse (a broken line is the editor's to show). */
export function faqLines(body: string): FaqLine[] {
  return body.split('\n').flatMap((text, index) => {
    if (!text.trimStart().startsWith('{')) return [];
    try {
      const parsed = KnowledgeEntrySchema.safeParse(JSON.parse(text));
      return parsed.success ? [{ entry: parsed.data, line: index + 1 }] : [];
    } catch {
      return [];
    }
  });
}

/**
 * The body with one entry's questions and answer replaced on its own line, or a new entry added
 * at the end of the first `.jsonl` file when the id is new; every other line stays as it was.
 */
export function withFaqEntry(
  body: string,
  edit: { id: string; questions: string[]; answer: string },
): string {
  const lines = body.split('\n');
  const found = faqLines(body).find((f) => f.entry.id === edit.id);
  if (found) {
    const raw = JSON.parse(lines[found.line - 1] ?? '{}') as Record<string, unknown>;
    lines[found.line - 1] = JSON.stringify({
      ...raw,
      questions: edit.questions,
      answer: edit.answer,
    });
    return lines.join('\n');
  }
  const header = lines.findIndex((l) => /^# ==> .+\.jsonl <==/.test(l));
  let end = header + 1;
  while (end < lines.length && !lines[end]?.startsWith('# ==> ')) end += 1;
  while (end > header + 1 && lines[end - 1]?.trim() === '') end -= 1;
  lines.splice(end, 0, JSON.stringify(edit));
  return lines.join('\n');
}
