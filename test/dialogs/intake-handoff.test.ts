import { beforeAll, describe, expect, it } from 'vitest';
import type { Category } from '../../src/domain/taxonomy.js';
import type { FlowSet, HandoffRules } from '../../src/flows/flow.schema.js';
import type { ScriptBook } from '../../src/flows/script-book.js';
import { SENDER_FACTS_KEY } from '../../src/tickets/ticket-access.js';
import {
  acts,
  askedSlots,
  IntakeHarness,
  RecordingHandoff,
  shippedConfig,
} from '../support/intake-harness.js';
import { LANGS, PHRASES } from '../support/intake-phrases.js';

let scripts: ScriptBook;
let shipped: FlowSet;
beforeAll(async () => {
  ({ scripts, flows: shipped } = await shippedConfig());
});

/** The shipped flows with some handoff rules changed for every category (or one). */
function withRules(change: Partial<HandoffRules>, only?: Category): { current(): FlowSet } {
  const flows: FlowSet = {
    ...shipped,
    flowFor: (category) => {
      const flow = shipped.flowFor(category);
      return only && category !== only
        ? flow
        : { ...flow, handoff: { ...flow.handoff, ...change } };
    },
  };
  return { current: () => flows };
}

describe.each(LANGS)('intake handoff rules (%s)', (lang) => {
  const say = PHRASES[lang];

  async function expectHandoff(chat: IntakeHarness, handoff: RecordingHandoff, rule: string) {
    expect(handoff.requests).toHaveLength(1);
    const request = handoff.requests[0];
    expect(request).toMatchObject({ conversationId: 'conv-test', rule, lang, channel: 'test' });
    const ticket = await chat.deps.tickets.get(request?.ticketId ?? '');
    expect(ticket?.handoffRule).toBe(rule);
    return ticket;
  }

  it('hands off on an explicit request with ticket number, queue position and wait', async () => {
    const handoff = new RecordingHandoff({ state: 'queued', position: 3, etaSeconds: 240 });
    const chat = await IntakeHarness.create({ handoff });
    await chat.send(say.billing);
    const replies = await chat.send(say.human);
    expect(acts(replies)).toEqual(['handoff']);
    const ticket = await expectHandoff(chat, handoff, 'request_human');
    expect(replies[0]?.meta.ticketId).toBe(ticket?.id);
    expect(replies[0]?.text).toContain(ticket?.id);
    expect(replies[0]?.text).toContain('3');
    expect(replies[0]?.text).toContain('4');
    // What was collected before the handoff is on the ticket for the agent.
    expect(ticket?.slots.amount?.value).toBe('50 CNY');
    expect(ticket?.missingSlots).toEqual(expect.arrayContaining(['account', 'demand']));
  });

  it('stops asking after a handoff and adds what the customer writes to the ticket', async () => {
    const handoff = new RecordingHandoff();
    const chat = await IntakeHarness.create({ handoff });
    await chat.send(say.billing);
    const [moved] = await chat.send(say.human);
    const ticketId = moved?.meta.ticketId ?? '';
    for (const text of [say.phone, say.refund, say.dontKnow]) {
      const replies = await chat.send(text);
      expect(askedSlots(replies)).toEqual([]);
      expect(acts(replies)).toEqual(['inform']);
    }
    const ticket = await chat.deps.tickets.get(ticketId);
    expect(ticket?.supplements.map((s) => s.text)).toEqual([say.phone, say.refund, say.dontKnow]);
    expect(handoff.requests).toHaveLength(1);
  });

  it('listens again once the handed-off ticket is resolved', async () => {
    const handoff = new RecordingHandoff();
    const chat = await IntakeHarness.create({ handoff });
    const [moved] = await chat.send(say.human);
    const ticketId = moved?.meta.ticketId ?? '';
    const at = new Date().toISOString();
    await chat.deps.tickets.update(ticketId, { kind: 'status', status: 'resolved', at });
    const replies = await chat.send(say.hello);
    expect(acts(replies)).toEqual(['inform']);
    expect(scripts[lang].replies.greeting).toContain(replies[0]?.text);
  });

  it('hands off at once on an escalating risk flag and records it', async () => {
    const handoff = new RecordingHandoff();
    const chat = await IntakeHarness.create({ handoff });
    const replies = await chat.send(say.legal);
    expect(acts(replies)).toContain('handoff');
    const ticket = await expectHandoff(chat, handoff, 'risk_flag:legal_threat');
    expect(ticket?.flags).toContain('legal_threat');
    expect(ticket?.severity).toBe('P1');
  });

  it('calms a furious customer and collects the essentials before anger alone hands over', async () => {
    const handoff = new RecordingHandoff();
    const chat = await IntakeHarness.create({ handoff });
    const replies = await chat.send(say.furious);
    expect(acts(replies)).toEqual(['empathize', 'ask']);
    expect(scripts[lang].replies.empathize_angry_high).toContain(replies[0]?.text);
    expect(replies[0]?.meta.family).toBe('acknowledge_anger');
    // The essentials an agent needs are asked first; no handoff yet.
    expect(askedSlots(replies)).toContain('contact_phone');
    expect(handoff.requests).toEqual([]);
    const still = await chat.send(`${say.phone} ${say.furious}`);
    expect(acts(still)).toContain('handoff');
    const ticket = await expectHandoff(chat, handoff, 'anger');
    expect(ticket?.slots.contact_phone?.value).toBe('13812345678');
    expect(ticket?.missingSlots.length).toBeGreaterThan(0);
  });

  it('hands a furious customer over after the configured turns even without the essentials', async () => {
    const handoff = new RecordingHandoff();
    const chat = await IntakeHarness.create({
      handoff,
      flows: withRules({ angerCollectTurns: 1 }),
    });
    await chat.send(say.furious);
    expect(handoff.requests).toEqual([]);
    const second = await chat.send(say.furious);
    expect(acts(second)).toContain('handoff');
    const ticket = await expectHandoff(chat, handoff, 'anger');
    expect(ticket?.missingSlots).toContain('contact_phone');
  });

  it('hands off a high amount', async () => {
    const handoff = new RecordingHandoff();
    const chat = await IntakeHarness.create({ handoff });
    const replies = await chat.send(say.highAmount);
    expect(acts(replies)).toContain('handoff');
    const ticket = await expectHandoff(chat, handoff, 'high_amount');
    expect(ticket?.slots.amount?.value).toBe('8000 CNY');
  });

  it('hands off a VIP the channel verified, never one by the number they type', async () => {
    const flows = withRules({ vipAccounts: ['13812345678', 'member-7'] });
    const typed = await IntakeHarness.create({ handoff: new RecordingHandoff(), flows });
    await typed.send(say.billing);
    expect(acts(await typed.send(say.phone))).not.toContain('handoff');

    const handoff = new RecordingHandoff();
    const chat = await IntakeHarness.create({ handoff, flows });
    chat.adapter.use(async (context, next) => {
      context.turnState.set(SENDER_FACTS_KEY, { verifiedCustomerId: 'member-7' });
      await next();
    });
    expect(acts(await chat.send(say.billing))).toContain('handoff');
    await expectHandoff(chat, handoff, 'vip');
  });

  it('hands off a category configured as human-only', async () => {
    const handoff = new RecordingHandoff();
    const flows = withRules({ humanOnly: true }, 'billing');
    const chat = await IntakeHarness.create({ handoff, flows });
    const replies = await chat.send(say.billing);
    expect(acts(replies)).toContain('handoff');
    expect(askedSlots(replies)).toEqual([]);
    await expectHandoff(chat, handoff, 'human_only_category');
  });

  it('hands off when collection stalls for the configured number of turns', async () => {
    const handoff = new RecordingHandoff();
    const chat = await IntakeHarness.create({ handoff, flows: withRules({ stalledTurns: 2 }) });
    await chat.send(say.sad);
    expect(acts(await chat.send(say.nothing))).not.toContain('handoff');
    expect(acts(await chat.send(say.nothing))).toContain('handoff');
    await expectHandoff(chat, handoff, 'collection_stalled');
  });

  it('tells the customer when they will be contacted out of hours', async () => {
    const contactAt = '2026-11-26T01:00:00.000Z';
    const handoff = new RecordingHandoff({ state: 'out_of_hours', contactAt });
    const chat = await IntakeHarness.create({ handoff });
    const [reply] = await chat.send(say.human);
    expect(reply?.meta.act).toBe('handoff');
    expect(reply?.text).toContain('2026-11-26 09:00');
  });

  it('still files a ticket and says so when no handoff subsystem is available', async () => {
    const chat = await IntakeHarness.create();
    const [reply] = await chat.send(say.human);
    expect(reply?.meta.act).toBe('handoff');
    const ticketId = reply?.meta.ticketId ?? '';
    expect(await chat.deps.tickets.get(ticketId)).toMatchObject({ handoffRule: 'request_human' });
    expect(
      scripts[lang].replies.handoff_unavailable.map((t) =>
        t.replace('{ticketId}', ticketId).replace('{firstResponseHours}', '24'),
      ),
    ).toContain(reply?.text);
  });
});

describe('a restatement that goes nowhere', () => {
  it('hands off instead of reading back for ever', async () => {
    const handoff = new RecordingHandoff();
    const chat = await IntakeHarness.create({ handoff });
    await chat.send(PHRASES.zh.billing);
    expect(acts(await chat.send(PHRASES.zh.phone))).toEqual(['confirm']);
    const turns: string[][] = [];
    for (let i = 0; i < 3; i += 1) turns.push(acts(await chat.send(PHRASES.zh.nothing)));
    expect(turns.slice(0, 2)).toEqual([['confirm'], ['confirm']]);
    expect(turns[2]).toEqual(['handoff']);
    expect(handoff.requests.map((r) => r.rule)).toEqual(['collection_stalled']);
  });
});

describe.each(LANGS)('escalating a filed complaint (%s)', (lang) => {
  const say = PHRASES[lang];

  it.each([
    ['an explicit request', say.human, 'request_human'],
    ['a legal threat', say.legal, 'risk_flag:legal_threat'],
  ])('hands off the open ticket on %s instead of filing another', async (_what, text, rule) => {
    const handoff = new RecordingHandoff();
    const chat = await IntakeHarness.create({ handoff });
    await chat.send(say.billing);
    await chat.send(say.phone);
    const [filed] = await chat.send(say.yes);
    // An upset customer may hear one line of empathy first; the handoff is the last bubble.
    const moved = (await chat.send(text)).at(-1);
    expect(moved?.meta).toMatchObject({ act: 'handoff', ticketId: filed?.meta.ticketId });
    expect(handoff.requests.map((r) => [r.ticketId, r.rule])).toEqual([
      [filed?.meta.ticketId, rule],
    ]);
    const tickets = await chat.deps.tickets.listByConversation('conv-test');
    expect(tickets).toHaveLength(1);
    if (rule.startsWith('risk_flag'))
      expect(tickets[0]).toMatchObject({ flags: ['legal_threat'], severity: 'P1' });
    expect(tickets[0]?.handoffRule).toBe(rule);
  });
});
