import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { KnowledgeEntrySchema, type KnowledgeEntry } from './knowledge-entry.js';
import { KnowledgeFileError } from './knowledge-error.js';
import { NO_SYNONYMS, parseSynonyms, type Synonyms } from './synonyms.js';

/** The synonym file read next to the knowledge-base files. */
export const SYNONYMS_FILE = 'synonyms.txt';

/** Parses JSON Lines into validated entries; the first bad line throws, naming file and line. */
export function parseKnowledgeJsonl(
  text: string,
  file: string,
  seen = new Map<string, string>(),
): KnowledgeEntry[] {
  const entries: KnowledgeEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      throw new KnowledgeFileError(file, line, `invalid JSON (${(error as Error).message})`);
    }
    const parsed = KnowledgeEntrySchema.safeParse(json);
    if (!parsed.success) throw new KnowledgeFileError(file, line, z.prettifyError(parsed.error));
    const where = `${file}:${line}`;
    const earlier = seen.get(parsed.data.id);
    if (earlier !== undefined) {
      throw new KnowledgeFileError(
        file,
        line,
        `duplicate id "${parsed.data.id}" (first at ${earlier})`,
      );
    }
    seen.set(parsed.data.id, where);
    entries.push(parsed.data);
  });
  return entries;
}

export async function loadKnowledgeFile(file: string): Promise<KnowledgeEntry[]> {
  return parseKnowledgeJsonl(await readFile(file, 'utf8'), file);
}

export interface KnowledgeFiles {
  entries: KnowledgeEntry[];
  synonyms: Synonyms;
}

/** Reads every `*.jsonl` in a folder (ids unique across files) and its optional synonyms.txt. */
export async function loadKnowledgeDir(dir: string): Promise<KnowledgeFiles> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.jsonl'));
  const files = await Promise.all(
    names.map(async (name) => ({ name, text: await readFile(join(dir, name), 'utf8') })),
  );
  const { entries } = knowledgeFromFiles(files, dir);
  return { entries, synonyms: await loadSynonyms(join(dir, SYNONYMS_FILE)) };
}

/**
 * The entries of every `*.jsonl` file (ids unique across files) and the synonyms of
 * `synonyms.txt` if there is one; the first bad line throws, naming `join(dir, file)` and line.
 */
export function knowledgeFromFiles(
  files: readonly { name: string; text: string }[],
  dir = '',
): KnowledgeFiles {
  const seen = new Map<string, string>();
  const entries: KnowledgeEntry[] = [];
  const jsonl = files.filter((f) => f.name.endsWith('.jsonl'));
  for (const { name, text } of [...jsonl].sort((a, b) => a.name.localeCompare(b.name)))
    entries.push(...parseKnowledgeJsonl(text, join(dir, name), seen));
  const synonyms = files.find((f) => f.name === SYNONYMS_FILE);
  return {
    entries,
    synonyms: synonyms ? parseSynonyms(synonyms.text, join(dir, SYNONYMS_FILE)) : NO_SYNONYMS,
  };
}

/** A missing synonym file means no synonyms; an unreadable or malformed one is an error. */
export async function loadSynonyms(file: string): Promise<Synonyms> {
  try {
    return parseSynonyms(await readFile(file, 'utf8'), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return NO_SYNONYMS;
    throw error;
  }
}
