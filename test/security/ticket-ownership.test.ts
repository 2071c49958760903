import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ScriptBook } from '../../src/flows/script-book.js';
import { MemoryTicketStore } from '../../src/tickets/memory.ticket-store.js';
import { RedisTicketStore } from '../../src/tickets/redis.ticket-store.js';
import { SENDER_FACTS_KEY } from '../../src/tickets/ticket-access.js';
import { TicketGuard } from '../../src/tickets/ticket-guard.js';
import { TicketLookupLimiter } from '../../src/tickets/ticket-lookup-limiter.js';
import type { TicketStore } from '../../src/tickets/ticket-store.port.js';
import { IntakeHarness, shippedConfig, type BotReply } from '../support/intake-harness.js';
import { LANGS, PHRASES } from '../support/intake-phrases.js';
import { connectTestRedis, deleteByPrefix, redisAvailable, testPrefix } from '../support/redis.js';

/**
 * DESIGN §11 replayed through the intake dialog: a chat may read, supplement or withdraw only its
 * own ticket, or one it proved with the contact phone's last four digits; anything else reads word
 * for word like an unknown number and changes nothing.
 */
const withRedis = await redisAvailable();
let scripts: ScriptBook;
beforeAll(async () => {
  scripts = (await shippedConfig()).scripts;
});

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

type StoreFactory = () => Promise<TicketStore>;
const stores: Array<[string, StoreFactory]> = [
  ['memory', () => Promise.resolve(new MemoryTicketStore())],
];
if (withRedis)
  stores.push([
    'redis',
    async () => {
      const client = await connectTestRedis();
      const prefix = testPrefix('ticket-ownership');
      cleanups.push(async () => {
        await deleteByPrefix(client, prefix);
        await client.close();
      });
      return new RedisTicketStore({ client, prefix });
    },
  ]);

describe.each(LANGS)('ticket ownership through the dialog (%s)', (lang) => {
  const say = PHRASES[lang];
  const attacks = {
    read: (id: string) => [say.status(id), '0000'],
    // Asked for the number first (the status-id stage), then for the proof.
    readWhenAsked: (id: string) => [say.statusNoId, id, '0000'],
    supplement: (id: string) => [
      lang === 'zh'
        ? `补充一下工单 ${id},当时的工号是1024`
        : `One more thing about ticket ${id}, the staff number was 1024`,
      '0000',
    ],
    withdraw: (id: string) => [
      lang === 'zh' ? `撤销工单 ${id}` : `I want to withdraw my complaint ${id}`,
      '0000',
      say.withdrawReason,
    ],
    // The replay: no digits at all, straight to a reason.
    withdrawNoProof: (id: string) => [
      lang === 'zh' ? `撤销工单 ${id}` : `I want to withdraw my complaint ${id}`,
      lang === 'zh' ? '问题已解决' : 'The problem is solved',
    ],
  };

  const notFound = (id: string): string | undefined =>
    scripts[lang].replies.status_not_found[0]?.replace('{ticketId}', id);

  describe.each(stores)('over the %s ticket store', (_name, makeStore) => {
    /** The owner's conversation files a billing ticket with contact phone 13812345678. */
    async function filed(guard?: (tickets: TicketStore) => TicketGuard): Promise<{
      owner: IntakeHarness;
      tickets: TicketStore;
      ticketId: string;
    }> {
      const tickets = await makeStore();
      const shared = guard?.(tickets);
      const owner = await IntakeHarness.create({
        tickets,
        conversationId: 'owner',
        ...(shared ? { ticketGuard: shared } : {}),
      });
      await owner.send(say.billing);
      await owner.send(say.phone);
      const [ticket] = await owner.send(say.yes);
      const ticketId = ticket?.meta.ticketId;
      if (!ticketId) throw new Error('no ticket filed');
      return { owner, tickets, ticketId };
    }

    async function run(chat: IntakeHarness, lines: readonly string[]): Promise<BotReply[][]> {
      const turns: BotReply[][] = [];
      for (const line of lines) turns.push(await chat.send(line));
      return turns;
    }

    it.each(Object.keys(attacks) as Array<keyof typeof attacks>)(
      'another session cannot %s it, changes nothing, and reads like an unknown number',
      async (attack) => {
        const { tickets, ticketId } = await filed();
        // As in the issue: an agent is already working on it.
        const at = '2026-11-25T03:00:00.000Z';
        await tickets.update(ticketId, { kind: 'status', status: 'in_progress', at });
        const before = await tickets.get(ticketId);
        const lines = attacks[attack](ticketId);

        const stranger = await IntakeHarness.create({ tickets, conversationId: 'stranger' });
        const seen = await run(stranger, lines);
        expect(await tickets.get(ticketId)).toEqual(before);
        expect(await tickets.listByConversation('stranger')).toEqual([]);

        // The same lines about the same number, where no such ticket exists.
        const empty = await IntakeHarness.create({
          tickets: await makeStore(),
          conversationId: 'stranger',
        });
        const unknown = await run(empty, lines);
        expect(JSON.stringify(seen)).toBe(JSON.stringify(unknown));
        const texts = seen
          .flat()
          .map((r) => r.text)
          .join('\n');
        expect(texts).not.toContain(scripts[lang].choices.status_labels.in_progress);
        expect(seen.flat().every((r) => r.meta.ticketId === undefined)).toBe(true);
      },
    );

    it('the owner still reads, supplements and withdraws it without being asked for proof', async () => {
      const { owner, tickets, ticketId } = await filed();
      const [status] = await owner.send(say.status(ticketId));
      expect(status?.meta).toMatchObject({ act: 'inform', ticketId });
      expect(status?.text).toContain(scripts[lang].choices.status_labels.open);
      const [done] = await owner.send(say.supplement);
      expect(done?.meta).toMatchObject({ act: 'inform', ticketId });
      const [ask] = await owner.send(say.withdraw);
      expect(ask?.meta).toMatchObject({ act: 'ask', ticketId });
      await owner.send(say.withdrawReason);
      expect(await tickets.get(ticketId)).toMatchObject({
        status: 'withdrawn',
        withdrawReason: say.withdrawReason,
        supplements: [{ text: say.supplement }],
      });
    });

    it('after the right last four digits another session can read, supplement and withdraw', async () => {
      const { tickets, ticketId } = await filed();
      const other = await IntakeHarness.create({ tickets, conversationId: 'new-device' });
      const [ask] = await other.send(say.status(ticketId));
      expect(ask?.meta.act).toBe('ask');
      expect(
        scripts[lang].replies.verify_ask_phone_last4.map((t) => t.replace('{ticketId}', ticketId)),
      ).toContain(ask?.text);
      const [status] = await other.send(lang === 'zh' ? '尾号5678' : 'it ends in 5678');
      expect(status?.meta).toMatchObject({ act: 'inform', ticketId });
      expect(status?.text).toContain(scripts[lang].choices.status_labels.open);

      // Proven once in this conversation: not asked again.
      const supplement =
        lang === 'zh'
          ? `补充工单 ${ticketId}:当时的工号是1024`
          : `One more thing about ticket ${ticketId}, the staff number was 1024`;
      const [added] = await other.send(supplement);
      expect(added?.meta.ticketId).toBe(ticketId);
      const [reason] = await other.send(
        lang === 'zh' ? `撤销工单 ${ticketId}` : `I want to withdraw my complaint ${ticketId}`,
      );
      expect(reason?.meta).toMatchObject({ act: 'ask', ticketId });
      await other.send(say.withdrawReason);
      const ticket = await tickets.get(ticketId);
      expect(ticket?.status).toBe('withdrawn');
      expect(ticket?.supplements.map((s) => s.text)).toEqual([supplement]);
    });

    it('a supplement proven afterwards adds the original words, not the digits', async () => {
      const { tickets, ticketId } = await filed();
      const other = await IntakeHarness.create({ tickets, conversationId: 'new-device' });
      const supplement =
        lang === 'zh'
          ? `补充一下工单 ${ticketId},当时的工号是1024`
          : `One more thing about ticket ${ticketId}, the staff number was 1024`;
      const [ask] = await other.send(supplement);
      expect(ask?.meta.act).toBe('ask');
      const [done] = await other.send('5678');
      expect(done?.meta.ticketId).toBe(ticketId);
      expect((await tickets.get(ticketId))?.supplements.map((s) => s.text)).toEqual([supplement]);
    });

    it('wrong digits never grant, and count against the lookup limit', async () => {
      const { tickets, ticketId } = await filed();
      const before = await tickets.get(ticketId);
      const ticketGuard = new TicketGuard({
        tickets,
        limiter: new TicketLookupLimiter({ perSession: 3, perAddress: 100, windowSeconds: 600 }),
      });
      const guesser = await IntakeHarness.create({
        tickets,
        conversationId: 'guesser',
        ticketGuard,
      });
      await guesser.send(say.status(ticketId)); // lookup 1
      const [wrong] = await guesser.send('1111'); // attempt 2
      expect(wrong?.text).toBe(notFound(ticketId));
      const [again] = await guesser.send(say.status(ticketId)); // lookup 3: still allowed
      expect(again?.meta.act).toBe('ask');
      const [refused] = await guesser.send('5678'); // the right digits, but over the limit
      const limitedLead = scripts[lang].replies.ticket_lookup_limited.map(
        (t) => t.split('{minutes}')[0] ?? '',
      );
      expect(limitedLead.some((lead) => refused?.text.startsWith(lead))).toBe(true);
      expect(refused?.meta.ticketId).toBeUndefined();
      expect(await tickets.get(ticketId)).toEqual(before);
    });

    it('with TICKET_VERIFY=none another session gets the unknown-number reply at once', async () => {
      const none = (store: TicketStore): TicketGuard =>
        new TicketGuard({ tickets: store, verify: 'none' });
      const { tickets, ticketId } = await filed(none);
      const stranger = await IntakeHarness.create({
        tickets,
        conversationId: 'stranger',
        ticketGuard: none(tickets),
      });
      const seen = await run(stranger, [say.status(ticketId)]);
      const emptyStore = await makeStore();
      const empty = await IntakeHarness.create({
        tickets: emptyStore,
        conversationId: 'stranger',
        ticketGuard: none(emptyStore),
      });
      expect(JSON.stringify(seen)).toBe(JSON.stringify(await run(empty, [say.status(ticketId)])));
      expect(seen[0]?.[0]?.text).toBe(
        scripts[lang].replies.status_not_found[0]?.replace('{ticketId}', ticketId),
      );
    });

    it('a customer the channel verified owns the ticket on any conversation, without proof', async () => {
      const tickets = await makeStore();
      const as = async (
        conversationId: string,
        verifiedCustomerId: string,
      ): Promise<IntakeHarness> => {
        const chat = await IntakeHarness.create({ tickets, conversationId });
        chat.adapter.use(async (context, next) => {
          context.turnState.set(SENDER_FACTS_KEY, { verifiedCustomerId });
          await next();
        });
        return chat;
      };
      const first = await as('wechat-1', 'unionid-42');
      await first.send(say.billing);
      await first.send(say.phone);
      const ticketId = (await first.send(say.yes))[0]?.meta.ticketId ?? '';
      expect((await tickets.get(ticketId))?.customerId).toBe('unionid-42');

      const [status] = await (await as('teams-7', 'unionid-42')).send(say.status(ticketId));
      expect(status?.meta).toMatchObject({ act: 'inform', ticketId });
      const [ask] = await (await as('teams-8', 'unionid-43')).send(say.status(ticketId));
      expect(ask?.meta.act).toBe('ask');
    });

    it('a number with a wrong check character is caught as a typo', async () => {
      const { tickets, ticketId } = await filed();
      const last = ticketId.endsWith('0') ? '1' : '0';
      const typo = `${ticketId.slice(0, -1)}${last}`;
      const [reply] = await (
        await IntakeHarness.create({ tickets, conversationId: 'owner' })
      ).send(say.status(typo));
      expect(
        scripts[lang].replies.ticket_id_invalid.map((t) => t.replace('{ticketId}', typo)),
      ).toContain(reply?.text);
    });
  });
});
