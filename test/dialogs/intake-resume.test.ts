import { MemoryStorage, type Storage } from 'botbuilder';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisStorage } from '../../src/storage/redis.storage.js';
import { MemoryTicketStore } from '../../src/tickets/memory.ticket-store.js';
import { RedisTicketStore } from '../../src/tickets/redis.ticket-store.js';
import type { TicketStore } from '../../src/tickets/ticket-store.port.js';
import { IntakeHarness, type BotReply } from '../support/intake-harness.js';
import { LANGS, PHRASES } from '../support/intake-phrases.js';
import { connectTestRedis, deleteByPrefix, redisAvailable, testPrefix } from '../support/redis.js';

interface Backend {
  name: string;
  make(): Promise<{ storage: Storage; tickets: TicketStore }>;
}

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

const backends: Backend[] = [
  {
    name: 'MemoryStorage',
    make: () => Promise.resolve({ storage: new MemoryStorage(), tickets: new MemoryTicketStore() }),
  },
];
if (await redisAvailable()) {
  backends.push({
    name: 'Redis',
    make: async () => {
      const client = await connectTestRedis();
      const prefix = testPrefix('intake-resume');
      cleanups.push(async () => {
        await deleteByPrefix(client, prefix);
        await client.close();
      });
      return {
        storage: new RedisStorage(client, `${prefix}state:`),
        tickets: new RedisTicketStore({ client, prefix }),
      };
    },
  });
}

describe.each(LANGS)('a conversation resumes after a restart (%s)', (lang) => {
  const say = PHRASES[lang];
  const script = [say.anxious, say.dontKnow, say.phone, say.yes];

  it.each(backends)('on a second instance over the same $name', async (backend) => {
    // Reference: one instance runs the whole conversation.
    const reference = await backend.make();
    const solo = await IntakeHarness.create({ ...reference, conversationId: 'solo' });
    const expected: BotReply[][] = [];
    for (const text of script) expected.push(await solo.send(text));

    // The same conversation, with the instance replaced halfway through collection.
    const shared = await backend.make();
    const first = await IntakeHarness.create({ ...shared, conversationId: 'solo' });
    const seen: BotReply[][] = [
      await first.send(script[0] ?? ''),
      await first.send(script[1] ?? ''),
    ];
    const second = await IntakeHarness.create({ ...shared, conversationId: 'solo' });
    for (const text of script.slice(2)) seen.push(await second.send(text));

    // Ticket ids are random per filing; everything else must replay identically.
    const masked = (turns: BotReply[][]): unknown =>
      JSON.parse(JSON.stringify(turns).replace(/Q\d{8}-[0-9A-Z]{6}/g, 'Q<id>'));
    expect(masked(seen)).toEqual(masked(expected));
    const ticketId = seen[3]?.[0]?.meta.ticketId ?? '';
    expect(ticketId).toMatch(/^Q\d{8}-[0-9A-Z]{6}$/);
    const ticket = await shared.tickets.get(ticketId);
    expect(ticket?.slots.contact_phone?.value).toBe('13812345678');
    expect(ticket?.unknownSlots.length).toBeGreaterThan(0);
  });
});
