import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createKnowledgeBase } from '../../src/knowledge/memory.knowledge-base.js';
import {
  watchKnowledgeBase,
  type WatchedKnowledgeBase,
} from '../../src/knowledge/watched.knowledge-base.js';
import { knowledgeBaseContract } from './knowledge-base.contract.js';

knowledgeBaseContract('memory', (entries) => Promise.resolve(createKnowledgeBase(entries)));

const opened: { dir: string; kb: WatchedKnowledgeBase }[] = [];
afterAll(async () => {
  for (const { dir, kb } of opened) {
    kb.close();
    await rm(dir, { recursive: true, force: true });
  }
});

knowledgeBaseContract('watched folder', async (entries) => {
  const dir = await mkdtemp(join(tmpdir(), 'qt-kb-'));
  await writeFile(join(dir, 'kb.jsonl'), entries.map((e) => JSON.stringify(e)).join('\n'));
  const kb = await watchKnowledgeBase(dir);
  opened.push({ dir, kb });
  return kb;
});
