import { describe, expect, it } from 'vitest';
import { TicketId } from '../../src/domain/ticket.js';
import { MemoryTicketStore } from '../../src/tickets/memory.ticket-store.js';
import { RedisTicketStore } from '../../src/tickets/redis.ticket-store.js';
import { newTicketId, typedTicketNumber } from '../../src/tickets/ticket-id.js';
import type { TicketStore } from '../../src/tickets/ticket-store.port.js';
import { draft } from '../contract/ticket-store.contract.js';
import { connectTestRedis, deleteByPrefix, redisAvailable, testPrefix } from '../support/redis.js';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const withRedis = await redisAvailable();
const ids = Array.from({ length: 300 }, () => newTicketId('20261202'));

describe('ticket numbers', () => {
  it('carry the day, five random Crockford characters and a valid check character', () => {
    for (const id of ids) {
      expect(id).toMatch(/^Q20261202-[0-9A-HJKMNP-TV-Z]{6}$/);
      expect(TicketId.safeParse(id).success).toBe(true);
      expect(typedTicketNumber(id)).toEqual({ id, valid: true });
    }
    // Random, not a sequence: 300 draws from 32^5 practically never repeat or share a prefix run.
    expect(new Set(ids).size).toBe(ids.length);
    const firstChars = new Set(ids.map((id) => id.charAt(10)));
    expect(firstChars.size).toBeGreaterThan(20);
  });

  it('catch every single mistyped character and every swap of two neighbours', () => {
    for (const id of ids.slice(0, 40)) {
      const suffix = id.slice(10);
      for (let i = 0; i < suffix.length; i += 1) {
        for (const c of ALPHABET) {
          if (c === suffix[i]) continue;
          const typo = `${id.slice(0, 10)}${suffix.slice(0, i)}${c}${suffix.slice(i + 1)}`;
          expect(typedTicketNumber(typo)?.valid, typo).toBe(false);
        }
        const a = suffix[i];
        const b = suffix[i + 1];
        if (b !== undefined && a !== b) {
          const swapped = `${id.slice(0, 10)}${suffix.slice(0, i)}${b}${a}${suffix.slice(i + 2)}`;
          expect(typedTicketNumber(swapped)?.valid, swapped).toBe(false);
        }
      }
      // A wrong date digit is caught too.
      const day = id.charAt(8) === '0' ? '1' : '0';
      expect(typedTicketNumber(`${id.slice(0, 8)}${day}${id.slice(9)}`)?.valid).toBe(false);
    }
  });

  it('are read as customers type them: lower case, no dash, a space, Crockford look-alikes', () => {
    const id = ids[0] ?? '';
    const suffix = id.slice(10);
    expect(typedTicketNumber(`查一下 ${id.toLowerCase()} 的进度`)).toEqual({ id, valid: true });
    expect(typedTicketNumber(`工单${id.replace('-', '')}怎么样了`)).toEqual({ id, valid: true });
    expect(typedTicketNumber(`${id.slice(0, 9)} ${suffix}`)).toEqual({ id, valid: true });
    // Crockford decoding: O reads as 0, I and L as 1.
    const sample = [...ALPHABET].map((c) => `Q20261202-0110${c}`);
    const lookAlike = sample.map((c) => `${c}0`).concat(sample.map((c) => `${c}1`));
    const valid = lookAlike.find((c) => typedTicketNumber(c)?.valid) ?? '';
    const typed = `${valid.slice(0, 10)}${valid.slice(10).replace(/0/g, 'o').replace('1', 'I').replace('1', 'l')}`;
    expect(typed).not.toBe(valid);
    expect(typedTicketNumber(typed)).toEqual({ id: valid, valid: true });
  });

  it('keep the older sequential ids readable, and find nothing in ordinary text', () => {
    expect(typedTicketNumber('撤销工单 Q20261125-0007')).toEqual({
      id: 'Q20261125-0007',
      valid: true,
    });
    expect(typedTicketNumber('q202611250042')).toEqual({ id: 'Q20261125-0042', valid: true });
    expect(TicketId.safeParse('Q20261125-0042').success).toBe(true);
    for (const text of ['我的话费被多扣了50元', 'Q2026-12', 'Q20261202-7KX3FC99', '13812345678'])
      expect(typedTicketNumber(text)).toBeUndefined();
  });
});

/** An id source that repeats itself first, so a store must notice the collision and draw again. */
function collidingIds(): (day: string) => string {
  const fixed = newTicketId('20261125');
  let calls = 0;
  return (day) => {
    calls += 1;
    return calls <= 2 ? fixed : newTicketId(day);
  };
}

async function expectRedraw(store: TicketStore): Promise<void> {
  const a = await store.create(draft());
  const b = await store.create(draft({ conversationId: 'conv-2' }));
  expect(a.id).not.toBe(b.id);
  expect((await store.get(a.id))?.conversationId).toBe('conv-1');
  expect((await store.listByConversation('conv-2')).map((t) => t.id)).toEqual([b.id]);
}

describe('a colliding random id is drawn again, never overwriting a ticket', () => {
  it('memory', async () => {
    await expectRedraw(new MemoryTicketStore(undefined, collidingIds()));
  });

  it.runIf(withRedis)('redis', async () => {
    const client = await connectTestRedis();
    const prefix = testPrefix('ticket-id');
    try {
      await expectRedraw(new RedisTicketStore({ client, prefix, newId: collidingIds() }));
    } finally {
      await deleteByPrefix(client, prefix);
      await client.close();
    }
  });
});
