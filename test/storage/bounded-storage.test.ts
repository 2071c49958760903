import { describe, expect, it } from 'vitest';
import { ProvisionalConversations } from '../../src/channels/web/web-chat.provisional.js';
import { BoundedMemoryStorage } from '../../src/storage/bounded.memory-storage.js';
import { MemoryTranscriptStore } from '../../src/storage/memory.transcript-store.js';
import { storageContract } from '../contract/storage.contract.js';
import { transcriptContract } from '../contract/transcript.contract.js';

const HOUR = 3_600_000;

storageContract(
  'BoundedMemoryStorage',
  () => new BoundedMemoryStorage({ maxKeys: 1000, ttlMs: HOUR }),
);
storageContract('provisional wrapper over BoundedMemoryStorage', () =>
  new ProvisionalConversations().storage(new BoundedMemoryStorage({ maxKeys: 1000, ttlMs: HOUR })),
);
transcriptContract(
  'bounded MemoryTranscriptStore',
  () => new MemoryTranscriptStore({ maxConversations: 1000, ttlMs: HOUR }),
);

const message = (id: string) => ({
  id,
  from: 'customer' as const,
  text: id,
  at: '2026-01-01T00:00:00.000Z',
});

describe('embedded hot state forgets', () => {
  it('evicts the least recently used keys beyond the cap; a read counts as use', async () => {
    const storage = new BoundedMemoryStorage({ maxKeys: 3, ttlMs: HOUR });
    await storage.write({ a: { v: 1 }, b: { v: 2 }, c: { v: 3 } });
    await storage.read(['a']);
    await storage.write({ d: { v: 4 } });
    expect(Object.keys(await storage.read(['a', 'b', 'c', 'd'])).sort()).toEqual(['a', 'c', 'd']);
  });

  it('expires keys idle longer than the TTL, and activity refreshes them', async () => {
    let now = 0;
    const storage = new BoundedMemoryStorage({ maxKeys: 100, ttlMs: 1000 }, () => now);
    await storage.write({ idle: { v: 1 }, busy: { v: 2 } });
    now = 900;
    await storage.read(['busy']);
    now = 1500;
    expect(Object.keys(await storage.read(['idle', 'busy']))).toEqual(['busy']);
  });

  it('caps and expires transcripts per conversation', async () => {
    let now = 0;
    const transcripts = new MemoryTranscriptStore({ maxConversations: 2, ttlMs: 1000 }, () => now);
    await transcripts.append('c1', message('1'));
    await transcripts.append('c2', message('2'));
    await transcripts.append('c3', message('3'));
    expect(await transcripts.list('c1')).toEqual([]);
    expect(await transcripts.list('c3')).toHaveLength(1);
    now = 2000;
    expect(await transcripts.list('c3')).toEqual([]);
  });

  it('keeps a provisional conversation out of the real stores until commit, and drops it on discard', async () => {
    const inner = {
      storage: new BoundedMemoryStorage({ maxKeys: 100, ttlMs: HOUR }),
      transcript: new MemoryTranscriptStore(),
    };
    const provisional = new ProvisionalConversations();
    const storage = provisional.storage(inner.storage);
    const transcript = provisional.transcript(inner.transcript);
    const key = (id: string) => `webchat/conversations/${id}/`;
    for (const id of ['kept', 'gone']) {
      provisional.begin(id);
      await storage.write({ [key(id)]: { dialog: id } });
      await transcript.append(id, message(`greeting-${id}`));
    }
    expect(await inner.storage.read([key('kept'), key('gone')])).toEqual({});
    expect(await storage.read([key('kept')])).toMatchObject({ [key('kept')]: { dialog: 'kept' } });

    await provisional.commit('kept', inner);
    provisional.discard('gone');
    expect(provisional.size).toBe(0);
    expect(await inner.storage.read([key('kept')])).toMatchObject({
      [key('kept')]: { dialog: 'kept' },
    });
    expect((await inner.transcript.list('kept')).map((m) => m.id)).toEqual(['greeting-kept']);
    expect(await inner.storage.read([key('gone')])).toEqual({});
    expect(await transcript.list('gone')).toEqual([]);
  });
});
