import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ArchiveRecord } from '../../src/records/archive-record.js';
import type { ArchiveWriter } from '../../src/records/archive-writer.js';
import { WriteBehindSink } from '../../src/records/write-behind.sink.js';

const record = (text: string): ArchiveRecord => ({
  kind: 'message',
  conversationId: 'c',
  message: { id: randomUUID(), from: 'customer', text, at: new Date().toISOString() },
});

/** A writer that refuses its first `failures` batches, as a database restarting would. */
function flakyWriter(failures: number) {
  const written: ArchiveRecord[][] = [];
  let refused = 0;
  const writer = {
    write: (records: readonly ArchiveRecord[]) => {
      if (refused < failures) {
        refused += 1;
        return Promise.reject(new Error('connection refused'));
      }
      written.push([...records]);
      return Promise.resolve();
    },
  } as unknown as ArchiveWriter;
  return { writer, written, refusals: () => refused };
}

describe('WriteBehindSink', () => {
  it('returns before writing, then writes everything in order in batches', async () => {
    const { writer, written } = flakyWriter(0);
    const sink = new WriteBehindSink(writer, { batchSize: 2, onError: () => undefined });
    const records = ['a', 'b', 'c', 'd', 'e'].map(record);
    for (const r of records) await sink.enqueue(r);
    expect(written).toEqual([]);
    await sink.drain();
    expect(written.map((batch) => batch.length)).toEqual([2, 2, 1]);
    expect(written.flat()).toEqual(records);
  });

  it('lets the records of the next few milliseconds join one batch', async () => {
    const { writer, written } = flakyWriter(0);
    const sink = new WriteBehindSink(writer, { lingerMs: 200, onError: () => undefined });
    await sink.enqueue(record('first turn'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await sink.enqueue(record('next turn'));
    await sink.drain();
    expect(
      written.map((batch) => batch.map((r) => r.kind === 'message' && r.message.text)),
    ).toEqual([['first turn', 'next turn']]);
  });

  it('retries a refused batch with back-off and loses nothing', async () => {
    const { writer, written, refusals } = flakyWriter(3);
    const errors: unknown[] = [];
    const sink = new WriteBehindSink(writer, { retryMs: 5, onError: (e) => errors.push(e) });
    const records = ['a', 'b'].map(record);
    for (const r of records) await sink.enqueue(r);
    await sink.close();
    expect(refusals()).toBe(3);
    expect(errors).toHaveLength(3);
    expect(written.flat()).toEqual(records);
  });

  it('flushes at close and refuses records after it', async () => {
    const { writer, written } = flakyWriter(0);
    const sink = new WriteBehindSink(writer, { onError: () => undefined });
    await sink.enqueue(record('last words'));
    await sink.close();
    expect(written.flat()).toHaveLength(1);
    await expect(sink.enqueue(record('too late'))).rejects.toThrow(/closed/);
  });

  it('gives up at the close deadline when the database never comes back, and says so', async () => {
    const { writer } = flakyWriter(Number.POSITIVE_INFINITY);
    const errors: Error[] = [];
    const sink = new WriteBehindSink(writer, {
      retryMs: 5,
      maxRetryMs: 10,
      closeDeadlineMs: 50,
      onError: (e) => errors.push(e as Error),
    });
    await sink.enqueue(record('x'));
    await sink.close();
    expect(errors.at(-1)?.message).toMatch(/1 record\(s\) unwritten/);
  });
});
