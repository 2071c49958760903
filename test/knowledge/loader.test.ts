import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  loadKnowledgeDir,
  parseKnowledgeJsonl,
} from '../../src/knowledge/jsonl.knowledge-loader.js';
import { KnowledgeFileError } from '../../src/knowledge/knowledge-error.js';
import { parseSynonyms } from '../../src/knowledge/synonyms.js';

const good = (id: string): string =>
  JSON.stringify({
    id,
    questions: ['怎么开发票', 'how do i get an invoice'],
    answer: '在App申请。',
  });

function errorOf(fn: () => unknown): KnowledgeFileError {
  try {
    fn();
  } catch (error) {
    if (error instanceof KnowledgeFileError) return error;
    throw error;
  }
  throw new Error('expected a KnowledgeFileError');
}

describe('parseKnowledgeJsonl', () => {
  it('parses entries, skipping blank lines', () => {
    const entries = parseKnowledgeJsonl(`${good('a')}\n\n${good('b')}\r\n`, 'kb.jsonl');
    expect(entries.map((e) => e.id)).toEqual(['a', 'b']);
  });

  it('names the file and line of invalid JSON', () => {
    const error = errorOf(() => parseKnowledgeJsonl(`${good('a')}\n\n{"id": "b",`, 'faq.jsonl'));
    expect(error.file).toBe('faq.jsonl');
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/^faq\.jsonl:3: invalid JSON/);
  });

  it.each([
    ['no questions', { id: 'x', questions: [], answer: 'a' }, /questions/],
    ['missing answer', { id: 'x', questions: ['q'] }, /answer/],
    ['blank id', { id: '  ', questions: ['q'], answer: 'a' }, /id/],
    ['unknown field', { id: 'x', questions: ['q'], answer: 'a', anser: 'typo' }, /anser/],
    ['bad lang', { id: 'x', questions: ['q'], answer: 'a', lang: 'fr' }, /lang/],
    ['not an object', ['x'], /object/],
  ])('rejects %s with the field and the line', (_name, value, field) => {
    const error = errorOf(() =>
      parseKnowledgeJsonl(`${good('a')}\n${JSON.stringify(value)}`, 'k.jsonl'),
    );
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/^k\.jsonl:2: /);
    expect(error.message).toMatch(field);
  });

  it('rejects a duplicate id, pointing at the first occurrence', () => {
    const error = errorOf(() =>
      parseKnowledgeJsonl(`${good('a')}\n${good('b')}\n${good('a')}`, 'k.jsonl'),
    );
    expect(error.line).toBe(3);
    expect(error.message).toContain('k.jsonl:1');
  });
});

describe('parseSynonyms', () => {
  it('rewrites variants to the first term; Latin ones as whole words only', () => {
    const synonyms = parseSynonyms('# comment\n话费=资费=费用\nrefund=money back\n', 's.txt');
    expect(synonyms.rewrite('资费太贵')).toBe('话费太贵');
    expect(synonyms.rewrite('i want my money back')).toBe('i want my refund');
    expect(synonyms.rewrite('money backing')).toBe('money backing');
  });

  it('names the file and line of a malformed group', () => {
    const error = errorOf(() => parseSynonyms('a=b\n\nlonely\n', 'syn.txt'));
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/^syn\.txt:3: /);
  });
});

describe('loadKnowledgeDir', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'qt-kb-load-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads every .jsonl file and the synonyms next to them', async () => {
    await writeFile(join(dir, 'a.jsonl'), good('a'));
    await writeFile(join(dir, 'b.jsonl'), good('b'));
    await writeFile(join(dir, 'notes.md'), 'not a knowledge file');
    await writeFile(join(dir, 'synonyms.txt'), '发票=票据\n');
    const { entries, synonyms } = await loadKnowledgeDir(dir);
    expect(entries.map((e) => e.id)).toEqual(['a', 'b']);
    expect(synonyms.rewrite('票据')).toBe('发票');
  });

  it('rejects an id repeated across files, naming both places', async () => {
    await writeFile(join(dir, 'a.jsonl'), good('same'));
    await writeFile(join(dir, 'b.jsonl'), `${good('other')}\n${good('same')}`);
    await expect(loadKnowledgeDir(dir)).rejects.toThrow(
      /b\.jsonl:2: duplicate id "same" \(first at .*a\.jsonl:1\)/,
    );
  });
});
