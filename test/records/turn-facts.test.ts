import { describe, expect, it } from 'vitest';
import type { AnalyticsEvent } from '../../src/records/analytics-event.js';
import { recordingFaq, recordingTickets } from '../../src/records/recording.js';
import { TurnFacts } from '../../src/records/turn-facts.js';
import { MemoryTicketStore } from '../../src/tickets/memory.ticket-store.js';
import { draft } from '../contract/ticket-store.contract.js';

type Fact = Omit<AnalyticsEvent, 'id'>;

function recorder(): { facts: TurnFacts; recorded: Fact[] } {
  const recorded: Fact[] = [];
  return { facts: new TurnFacts({ record: (fact) => void recorded.push(fact) }), recorded };
}

const AT = '2026-12-01T08:00:00.000Z';
const WEB = { conversationId: 'conv-1', channel: 'webchat' };

/** A knowledge base that answers only questions containing 退款. */
const faq = {
  search: (query: string) =>
    query.includes('退款')
      ? { results: [{ id: 'refund-time', score: 0.9 }], abstained: false }
      : { results: [], abstained: true },
};

describe('TurnFacts: the analytics facts of one customer turn', () => {
  it('gives every fact of a turn its conversation and channel; outside a turn, none', async () => {
    const { facts, recorded } = recorder();
    await facts.run(WEB, async () => {
      await Promise.resolve();
      facts.record({ at: AT, kind: 'turn', emotion: 'angry', intensity: 0.8 });
    });
    facts.record({ at: AT, kind: 'rule_fired', label: 'anger' });
    expect(recorded).toEqual([
      { at: AT, kind: 'turn', emotion: 'angry', intensity: 0.8, ...WEB },
      { at: AT, kind: 'rule_fired', label: 'anger' },
    ]);
  });

  it('records at most one FAQ outcome per turn, an answer winning over a miss', async () => {
    const { facts, recorded } = recorder();
    const search = recordingFaq(faq, facts);
    await facts.run(WEB, async () => {
      await search.search('你们几点下班？电话13800138000');
      await search.search('你们几点下班？');
    });
    await facts.run({ ...WEB, conversationId: 'conv-2' }, async () => {
      await search.search('怎么办');
      await search.search('退款多久到账');
    });
    expect(recorded.map((f) => [f.kind, f.conversationId, f.label])).toEqual([
      ['faq_missed', 'conv-1', '你们几点下班？电话[PHONE_1]'],
      ['faq_answered', 'conv-2', 'refund-time'],
    ]);
    expect(recorded[0]?.label).not.toContain('13800138000');
  });

  it('counts a withdrawal by the bot as self-service, once, with the ticket', async () => {
    const { facts, recorded } = recorder();
    const tickets = recordingTickets(new MemoryTicketStore(), facts);
    const ticket = await tickets.create(draft());
    await facts.run(WEB, async () => {
      facts.granted(ticket.id);
      await tickets.update(ticket.id, {
        kind: 'status',
        status: 'withdrawn',
        reason: '已解决',
        at: AT,
      });
      facts.informed(ticket.id);
    });
    expect(recorded.map((f) => [f.kind, f.label, f.ticketId, f.conversationId])).toEqual([
      ['self_service', 'withdrawal', ticket.id, 'conv-1'],
    ]);
  });

  it('counts a status answer about a granted, unchanged ticket, and nothing else', async () => {
    const { facts, recorded } = recorder();
    const tickets = recordingTickets(new MemoryTicketStore(), facts);
    const [status, supplemented, asked] = await Promise.all(
      [1, 2, 3].map(() => tickets.create(draft())),
    );
    const turn = (work: () => Promise<void> | void) =>
      facts.run(WEB, async () => {
        await work();
      });
    await turn(() => {
      facts.granted(status!.id);
      facts.informed(status!.id);
    });
    await turn(async () => {
      facts.granted(supplemented!.id);
      await tickets.update(supplemented!.id, {
        kind: 'supplement',
        text: '补充',
        slots: {},
        at: AT,
      });
      facts.informed(supplemented!.id);
    });
    // Granted for a withdrawal whose reason is still asked for: no inform, no fact yet.
    await turn(() => facts.granted(asked!.id));
    // An inform about a ticket the chat was not granted this turn (e.g. handed off): no fact.
    await turn(() => facts.informed(asked!.id));
    expect(recorded.map((f) => [f.kind, f.label, f.ticketId])).toEqual([
      ['self_service', 'status', status!.id],
    ]);
  });

  it('records the turn facts even when the turn fails', async () => {
    const { facts, recorded } = recorder();
    const search = recordingFaq(faq, facts);
    await expect(
      facts.run(WEB, async () => {
        await search.search('退款');
        throw new Error('turn failed');
      }),
    ).rejects.toThrow('turn failed');
    expect(recorded.map((f) => f.kind)).toEqual(['faq_answered']);
  });
});
