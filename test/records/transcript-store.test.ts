import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { ArchivedTranscriptStore } from '../../src/records/archived.transcript-store.js';
import { ArchiveWriter } from '../../src/records/archive-writer.js';
import { PgTranscriptStore } from '../../src/records/pg.transcript-store.js';
import { WriteBehindSink } from '../../src/records/write-behind.sink.js';
import { MemoryTranscriptStore } from '../../src/storage/memory.transcript-store.js';
import { transcriptContract } from '../contract/transcript.contract.js';
import { openTestDatabase, testBackends, type TestDatabase } from './databases.js';

const opened: TestDatabase[] = [];
afterAll(async () => {
  for (const test of opened) await test.drop();
});

async function database(backend: 'pglite' | 'postgres'): Promise<TestDatabase> {
  const test = await openTestDatabase(backend);
  opened.push(test);
  return test;
}

for (const backend of await testBackends()) {
  transcriptContract(`postgres archive (${backend})`, async () => {
    const test = await database(backend);
    return new PgTranscriptStore(test.database.db);
  });

  transcriptContract(`archived, write-behind (${backend})`, async () => {
    const test = await database(backend);
    const sink = new WriteBehindSink(new ArchiveWriter(test.database.db), {
      onError: () => undefined,
    });
    return new ArchivedTranscriptStore(
      new MemoryTranscriptStore(),
      new PgTranscriptStore(test.database.db),
      sink,
    );
  });

  describe(`archived transcript over a restart (${backend})`, { timeout: 60_000 }, () => {
    it('lists the whole conversation from the archive once the hot store is gone, then keeps appending', async () => {
      const test = await database(backend);
      const archive = new PgTranscriptStore(test.database.db);
      const writer = new ArchiveWriter(test.database.db);
      const first = new WriteBehindSink(writer, { onError: () => undefined });
      const before = new ArchivedTranscriptStore(new MemoryTranscriptStore(), archive, first);
      const conversation = randomUUID();
      const lines = ['话费被多扣了', '请问是哪个号码?', '13800138000'].map((text, i) => ({
        id: randomUUID(),
        from: i === 1 ? ('bot' as const) : ('customer' as const),
        text,
        at: new Date(Date.UTC(2026, 10, 25, 2, 0, i)).toISOString(),
      }));
      for (const line of lines.slice(0, 2)) await before.append(conversation, line);
      await first.close();

      const second = new WriteBehindSink(writer, { onError: () => undefined });
      const after = new ArchivedTranscriptStore(new MemoryTranscriptStore(), archive, second);
      expect(await after.list(conversation)).toEqual(lines.slice(0, 2));
      const third = lines[2];
      if (third === undefined) throw new Error('fixture');
      await after.append(conversation, third);
      // Not yet archived, already listed: the hot store covers the lag.
      expect(await after.list(conversation)).toEqual(lines);
      await second.drain();
      expect(await archive.list(conversation)).toEqual(lines);
    });
  });
}
