import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  watchKnowledgeBase,
  type KnowledgeLogger,
  type WatchedKnowledgeBase,
} from '../../src/knowledge/watched.knowledge-base.js';

const entry = (id: string, question: string): string =>
  JSON.stringify({ id, questions: [question], answer: `answer ${id}` });

/** Records what the knowledge base logs, so a test can wait for a reload to finish. */
function recordingLogger(): KnowledgeLogger & { messages: string[] } {
  const messages: string[] = [];
  return {
    messages,
    info: (_details, message) => messages.push(`info: ${message}`),
    error: (details, message) =>
      messages.push(`error: ${message} ${String((details as { err?: unknown }).err)}`),
  };
}

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting for a reload');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('watchKnowledgeBase', () => {
  let dir: string;
  let kb: WatchedKnowledgeBase | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'qt-kb-watch-'));
    await writeFile(join(dir, 'faq.jsonl'), entry('invoice', '怎么开发票'));
  });
  afterEach(async () => {
    kb?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('picks up an edited file without a restart', async () => {
    const logger = recordingLogger();
    kb = await watchKnowledgeBase(dir, { logger, debounceMs: 20 });
    expect(kb.search('宽带坏了怎么报修').abstained).toBe(true);
    await writeFile(
      join(dir, 'faq.jsonl'),
      `${entry('invoice', '怎么开发票')}\n${entry('repair', '宽带坏了怎么报修')}\n`,
    );
    await until(() => kb?.size === 2);
    expect(kb.search('宽带坏了怎么报修').results[0]?.id).toBe('repair');
  });

  it('keeps the previous knowledge base in force when the new file is bad, and logs why', async () => {
    const logger = recordingLogger();
    kb = await watchKnowledgeBase(dir, { logger, debounceMs: 20 });
    await writeFile(
      join(dir, 'faq.jsonl'),
      `${entry('invoice', '怎么开发票')}\n{"id": "broken"}\n`,
    );
    await until(() => logger.messages.some((m) => m.startsWith('error')));
    expect(logger.messages.find((m) => m.startsWith('error'))).toMatch(/faq\.jsonl:2/);
    expect(kb.size).toBe(1);
    expect(kb.search('怎么开发票').results[0]?.id).toBe('invoice');
  });

  it('reload() reports whether the new files were taken', async () => {
    kb = await watchKnowledgeBase(dir, { debounceMs: 10_000 });
    await writeFile(join(dir, 'synonyms.txt'), 'no equals sign here\n');
    expect(await kb.reload()).toBe(false);
    await writeFile(join(dir, 'synonyms.txt'), '发票=票据\n');
    expect(await kb.reload()).toBe(true);
    expect(kb.search('怎么开票据').results[0]?.id).toBe('invoice');
  });
});
