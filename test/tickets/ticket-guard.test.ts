import { afterEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../../src/domain/ticket.js';
import { MemoryTicketStore } from '../../src/tickets/memory.ticket-store.js';
import { lastFourIn, type Requester } from '../../src/tickets/ticket-access.js';
import { TicketGuard } from '../../src/tickets/ticket-guard.js';
import { typedTicketNumber, type TypedTicketNumber } from '../../src/tickets/ticket-id.js';
import {
  TicketLookupLimiter,
  type TicketLookupLimits,
} from '../../src/tickets/ticket-lookup-limiter.js';
import { draft } from '../contract/ticket-store.contract.js';
import { connectTestRedis, deleteByPrefix, redisAvailable, testPrefix } from '../support/redis.js';

const withRedis = await redisAvailable();
const PHONE = { value: '13812345678', raw: '13812345678', confidence: 0.95 };

const requester = (conversationId: string, extra: Partial<Requester> = {}): Requester => ({
  conversationId,
  verified: [],
  ...extra,
});
const number = (id: string): TypedTicketNumber => typedTicketNumber(id) ?? { id, valid: false };

type LimiterFactory = (limits: TicketLookupLimits) => Promise<TicketLookupLimiter>;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const limiters: Array<[string, LimiterFactory]> = [
  ['memory', (limits) => Promise.resolve(new TicketLookupLimiter(limits))],
];
if (withRedis)
  limiters.push([
    'redis',
    async (limits) => {
      const client = await connectTestRedis();
      const prefix = testPrefix('ticket-guard');
      cleanups.push(async () => {
        await deleteByPrefix(client, prefix);
        await client.close();
      });
      return new TicketLookupLimiter(limits, { client, prefix });
    },
  ]);

describe.each(limiters)('TicketGuard with %s lookup limits', (_name, makeLimiter) => {
  async function setup(
    limits: Partial<TicketLookupLimits> = {},
    verify: 'phone_last4' | 'none' = 'phone_last4',
  ): Promise<{ guard: TicketGuard; ticket: Ticket }> {
    const tickets = new MemoryTicketStore();
    const ticket = await tickets.create(
      draft({ conversationId: 'owner', slots: { contact_phone: PHONE } }),
    );
    const limiter = await makeLimiter({
      perSession: 3,
      perAddress: 5,
      windowSeconds: 60,
      ...limits,
    });
    return { guard: new TicketGuard({ tickets, limiter, verify }), ticket };
  }

  it('grants the conversation that filed it, without costing a lookup', async () => {
    const { guard, ticket } = await setup({ perSession: 1 });
    for (let i = 0; i < 5; i += 1)
      expect(await guard.open(number(ticket.id), requester('owner'))).toEqual({
        kind: 'granted',
        ticket,
      });
  });

  it('asks anyone else for proof exactly as for a number that does not exist', async () => {
    const { guard, ticket } = await setup();
    const foreign = await guard.open(number(ticket.id), requester('stranger'));
    const unknown = await guard.open(number('Q20200101-0077'), requester('stranger-2'));
    expect(foreign).toEqual({ kind: 'verify' });
    expect(unknown).toEqual(foreign);
  });

  it('grants after the right last four digits, refuses wrong ones like an unknown number', async () => {
    const { guard, ticket } = await setup();
    expect(await guard.prove(ticket.id, requester('s'), '1234')).toEqual({ kind: 'not_found' });
    expect(await guard.prove(ticket.id, requester('s'), '尾号是5678')).toEqual({
      kind: 'granted',
      ticket,
    });
    expect(await guard.prove('Q20200101-0077', requester('t'), '5678')).toEqual({
      kind: 'not_found',
    });
  });

  it('grants the same verified customer on another conversation, and a proven ticket again', async () => {
    const tickets = new MemoryTicketStore();
    const ticket = await tickets.create(draft({ conversationId: 'wechat-1', customerId: 'u-42' }));
    const guard = new TicketGuard({
      tickets,
      limiter: await makeLimiter({ perSession: 1, perAddress: 1, windowSeconds: 60 }),
    });
    const access = await guard.open(number(ticket.id), requester('web-9', { customerId: 'u-42' }));
    expect(access.kind).toBe('granted');
    const other = await guard.open(number(ticket.id), requester('web-9', { customerId: 'u-43' }));
    expect(other.kind).toBe('verify');
    const proven = await guard.open(
      number(ticket.id),
      requester('web-9', { verified: [ticket.id] }),
    );
    expect(proven.kind).toBe('granted');
  });

  it('with TICKET_VERIFY=none nobody else can prove anything', async () => {
    const { guard, ticket } = await setup({}, 'none');
    expect(await guard.open(number(ticket.id), requester('s'))).toEqual({ kind: 'not_found' });
    expect(await guard.prove(ticket.id, requester('s'), '5678')).toEqual({ kind: 'not_found' });
  });

  it('refuses a mistyped number by its check character without a lookup', async () => {
    const { guard, ticket } = await setup({ perSession: 1 });
    const last = ticket.id.slice(-1) === '0' ? '1' : '0';
    const typo = number(`${ticket.id.slice(0, -1)}${last}`);
    for (let i = 0; i < 3; i += 1)
      expect(await guard.open(typo, requester('s'))).toEqual({ kind: 'invalid' });
    expect(await guard.open(number(ticket.id), requester('s'))).toEqual({ kind: 'verify' });
  });

  it('limits lookups and proof attempts per session; wrong digits count', async () => {
    const { guard, ticket } = await setup({ perSession: 3 });
    const s = requester('s');
    expect((await guard.open(number(ticket.id), s)).kind).toBe('verify');
    expect((await guard.prove(ticket.id, s, '0000')).kind).toBe('not_found');
    expect((await guard.prove(ticket.id, s, '1111')).kind).toBe('not_found');
    const limited = await guard.prove(ticket.id, s, '5678');
    expect(limited.kind).toBe('limited');
    expect(limited.kind === 'limited' && limited.retryAfterSeconds).toBeGreaterThan(0);
    expect((await guard.open(number('Q20200101-0077'), s)).kind).toBe('limited');
    // Another session is not affected; the owner never is.
    expect((await guard.open(number(ticket.id), requester('s2'))).kind).toBe('verify');
    expect((await guard.open(number(ticket.id), requester('owner'))).kind).toBe('granted');
  });

  it('limits lookups per client address across fresh sessions', async () => {
    const { guard, ticket } = await setup({ perSession: 100, perAddress: 4 });
    const from = (i: number): Requester =>
      requester(`fresh-${i}`, { clientAddress: '203.0.113.7' });
    const kinds = [];
    for (let i = 0; i < 6; i += 1) kinds.push((await guard.open(number(ticket.id), from(i))).kind);
    expect(kinds).toEqual(['verify', 'verify', 'verify', 'verify', 'limited', 'limited']);
    const elsewhere = requester('fresh-x', { clientAddress: '198.51.100.1' });
    expect((await guard.open(number(ticket.id), elsewhere)).kind).toBe('verify');
  });
});

describe('lastFourIn', () => {
  it.each([
    ['5678', '5678'],
    ['尾号是５６７８', '5678'],
    ['13812345678', '5678'],
    ['my number ends 0042.', '0042'],
    ['123', undefined],
    ['不记得了', undefined],
  ])('%s → %s', (text, expected) => {
    expect(lastFourIn(text)).toBe(expected);
  });
});
