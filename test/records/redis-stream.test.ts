import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { ArchiveRecord } from '../../src/records/archive-record.js';
import { ArchiveWriter } from '../../src/records/archive-writer.js';
import { PgTranscriptStore } from '../../src/records/pg.transcript-store.js';
import { RedisStreamSink } from '../../src/records/redis-stream.sink.js';
import { redisAvailable } from '../support/redis.js';
import { redisScope } from '../support/redis-scope.js';
import { openTestDatabase, type TestDatabase } from './databases.js';

const message = (conversationId: string, text: string): ArchiveRecord => ({
  kind: 'message',
  conversationId,
  message: { id: randomUUID(), from: 'customer', text, at: new Date().toISOString() },
});

describe.runIf(await redisAvailable())('RedisStreamSink', { timeout: 60_000 }, () => {
  const redis = redisScope('archive-stream');
  const opened: TestDatabase[] = [];
  afterAll(async () => {
    for (const test of opened) await test.drop();
  });

  async function setup() {
    const test = await openTestDatabase('pglite');
    opened.push(test);
    const writer = new ArchiveWriter(test.database.db);
    const prefix = redis.prefix();
    const sink = (overrides: Partial<ConstructorParameters<typeof RedisStreamSink>[0]> = {}) =>
      new RedisStreamSink({
        client: redis.client(),
        prefix,
        writer,
        blockMs: 100,
        onError: () => undefined,
        ...overrides,
      });
    return { archive: new PgTranscriptStore(test.database.db), writer, sink, prefix };
  }

  it('writes what was added, in order, and empties the stream', async () => {
    const { archive, sink } = await setup();
    const consumer = sink();
    await consumer.start();
    const conversation = randomUUID();
    const records = ['一', '二', '三'].map((t) => message(conversation, t));
    for (const r of records) await consumer.enqueue(r);
    await consumer.drain();
    expect((await archive.list(conversation)).map((m) => m.text)).toEqual(['一', '二', '三']);
    await consumer.close();
  });

  it('keeps entries while the database refuses, and writes them once it is back', async () => {
    const { archive, writer, sink } = await setup();
    let refuse = true;
    const errors: unknown[] = [];
    const flaky = {
      write: (records: readonly ArchiveRecord[]) =>
        refuse ? Promise.reject(new Error('db down')) : writer.write(records),
    } as unknown as ArchiveWriter;
    const consumer = sink({ writer: flaky, onError: (e) => errors.push(e) });
    await consumer.start();
    const conversation = randomUUID();
    await consumer.enqueue(message(conversation, '还在吗'));
    while (errors.length < 2) await new Promise((r) => setTimeout(r, 20));
    expect(await archive.list(conversation)).toEqual([]);
    refuse = false;
    await consumer.drain();
    expect((await archive.list(conversation)).map((m) => m.text)).toEqual(['还在吗']);
    await consumer.close();
  });

  it("takes over a dead consumer's unacknowledged entries", async () => {
    const { archive, sink } = await setup();
    // The first consumer reads, then "dies" before writing: its writer never settles.
    const stuck = { write: () => new Promise<void>(() => undefined) } as unknown as ArchiveWriter;
    const dying = sink({ writer: stuck });
    await dying.start();
    const conversation = randomUUID();
    await dying.enqueue(message(conversation, '别丢了'));
    await new Promise((r) => setTimeout(r, 300));
    const heir = sink({ reclaimAfterMs: 200 });
    await heir.start();
    await heir.drain();
    expect((await archive.list(conversation)).map((m) => m.text)).toEqual(['别丢了']);
    await heir.close();
  });

  it('moves an entry that is not a valid record aside and goes on', async () => {
    const { archive, sink, prefix } = await setup();
    const errors: Error[] = [];
    const consumer = sink({ onError: (e) => errors.push(e as Error) });
    await consumer.start();
    await redis
      .client()
      .xAdd(`${prefix}archive`, '*', { record: '{"kind":"message","conversationId":""}' });
    const conversation = randomUUID();
    await consumer.enqueue(message(conversation, '正常的一条'));
    await consumer.drain();
    expect((await archive.list(conversation)).map((m) => m.text)).toEqual(['正常的一条']);
    expect(await redis.client().xLen(`${prefix}archive:dead`)).toBe(1);
    expect(errors.map((e) => e.message).join()).toMatch(/not a valid record/);
    await consumer.close();
  });
});
