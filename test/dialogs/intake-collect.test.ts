import { beforeAll, describe, expect, it } from 'vitest';
import type { ScriptBook } from '../../src/flows/script-book.js';
import { acts, askedSlots, IntakeHarness, shippedConfig } from '../support/intake-harness.js';
import { LANGS, PHRASES } from '../support/intake-phrases.js';

let scripts: ScriptBook;
beforeAll(async () => {
  scripts = (await shippedConfig()).scripts;
});

describe.each(LANGS)('intake collection (%s)', (lang) => {
  const say = PHRASES[lang];

  it('greets a new session and a hello, and says goodbye', async () => {
    const chat = await IntakeHarness.create();
    const [greeting] = await chat.open();
    expect(greeting?.meta.act).toBe('inform');
    expect(greeting?.meta.suggestions?.length).toBeGreaterThan(0);
    const hello = await chat.send(say.hello);
    expect(acts(hello)).toEqual(['inform']);
    expect(scripts[lang].replies.greeting).toContain(hello[0]?.text);
    const bye = await chat.send(say.bye);
    expect(acts(bye)).toEqual(['close']);
    expect(scripts[lang].replies.goodbye).toContain(bye[0]?.text);
  });

  it.each([
    ['angry', 'empathize_angry'],
    ['anxious', 'empathize_anxious'],
    ['sad', 'empathize_sad'],
  ] as const)(
    'answers a %s opener with its empathy script before any question',
    async (mood, base) => {
      const chat = await IntakeHarness.create();
      const { intensity } = await chat.deps.understanding.analyze(say[mood], {
        history: [],
        knownSlots: {},
        now: new Date(),
      });
      // Anger at "furious" intensity gets the stronger 感同身受 script.
      const key = base === 'empathize_angry' && intensity >= 0.8 ? 'empathize_angry_high' : base;
      const replies = await chat.send(say[mood]);
      expect(replies[0]?.meta.act).toBe('empathize');
      expect(scripts[lang].replies[key]).toContain(replies[0]?.text);
      expect(acts(replies.slice(1)).every((act) => act === 'ask')).toBe(true);
      expect(askedSlots(replies).length).toBeGreaterThanOrEqual(1);
      expect(askedSlots(replies).length).toBeLessThanOrEqual(2);
    },
  );

  it('asks at most two of the missing slots, none the opener already gave', async () => {
    const chat = await IntakeHarness.create();
    const replies = await chat.send(say.billing);
    // Both questions in one bubble (at most two bubbles a turn).
    expect(replies.filter((r) => r.meta.act === 'ask')).toHaveLength(1);
    // The opener gave what happened, the amount and the day: none of those is asked.
    expect(askedSlots(replies)).toEqual(['account', 'demand']);
  });

  it('files a ticket after the restatement is confirmed, with number and policy time limits', async () => {
    const chat = await IntakeHarness.create();
    await chat.send(say.billing);
    const restated = await chat.send(say.phone);
    expect(acts(restated)).toEqual(['confirm']);
    const text = restated[0]?.text ?? '';
    // 昨天/yesterday said on 2026-11-25 (Beijing) resolves to the 24th.
    for (const part of [lang === 'zh' ? '11月24日' : '24 Nov', '50', '13812345678'])
      expect(text).toContain(part);
    expect(text).not.toContain('2026');
    expect(restated[0]?.meta.suggestions).toEqual(scripts[lang].choices.confirm_choices);

    const filed = await chat.send(say.yes);
    expect(acts(filed)).toEqual(['ticket']);
    const ticketId = filed[0]?.meta.ticketId ?? '';
    expect(ticketId).toMatch(/^Q20261125-[0-9A-Z]{6}$/);
    expect(filed[0]?.text).toContain(ticketId);
    for (const limit of ['24', '48', '7']) expect(filed[0]?.text).toContain(limit);

    const ticket = await chat.deps.tickets.get(ticketId);
    expect(ticket).toMatchObject({
      status: 'open',
      category: 'billing',
      nature: 'effective',
      lang,
      conversationId: 'conv-test',
      missingSlots: ['demand'],
    });
    expect(ticket?.slots.contact_phone?.value).toBe('13812345678');
    expect(ticket?.slots.time?.value).toBe('2026-11-24');
    expect(ticket?.severity).toBe('P2');
    expect(ticket?.emotions.length).toBe(3);
  });

  it('marks a slot the customer does not know as unknown and never asks it again', async () => {
    const chat = await IntakeHarness.create();
    const first = await chat.send(say.anxious);
    const asked = askedSlots(first);
    const next = await chat.send(say.dontKnow);
    expect(scripts[lang].replies.ack_unknown.some((ack) => next[0]?.text.startsWith(ack))).toBe(
      true,
    );
    for (const slot of asked) expect(askedSlots(next)).not.toContain(slot);
    let replies = next;
    while (!acts(replies).includes('confirm')) replies = await chat.send(say.dontKnow);
    expect(replies[0]?.text).toContain(scripts[lang].choices.unknown_value);
    const filed = await chat.send(say.yes);
    const ticket = await chat.deps.tickets.get(filed[0]?.meta.ticketId ?? '');
    expect(ticket?.unknownSlots).toEqual(expect.arrayContaining(asked));
  });

  it('replaces a value the customer corrects at the restatement', async () => {
    const chat = await IntakeHarness.create();
    await chat.send(say.billing);
    await chat.send(say.phone);
    const corrected = await chat.send(say.dayBefore);
    expect(acts(corrected)).toEqual(['confirm']);
    expect(corrected[0]?.text).toContain(lang === 'zh' ? '11月23日' : '23 Nov');
    expect(corrected[0]?.text).not.toContain('2026-11-24');
    const filed = await chat.send(say.yes);
    const ticket = await chat.deps.tickets.get(filed[0]?.meta.ticketId ?? '');
    expect(ticket?.slots.time?.value).toBe('2026-11-23');
  });

  it('asks what to correct when the restatement is wrong, then reads it back again', async () => {
    const chat = await IntakeHarness.create();
    await chat.send(say.billing);
    await chat.send(say.phone);
    const ask = await chat.send(say.no);
    expect(acts(ask)).toEqual(['ask']);
    expect(scripts[lang].replies.ask_correction).toContain(ask[0]?.text);
    const again = await chat.send(say.correctionAfterNo);
    expect(acts(again)).toEqual(['confirm']);
    expect(again[0]?.text).toContain(lang === 'zh' ? '11月23日' : '23 Nov');
    expect(acts(await chat.send(say.yes))).toEqual(['ticket']);
  });

  it('takes slots given out of order, before they are asked', async () => {
    const chat = await IntakeHarness.create();
    const first = await chat.send(say.billing);
    expect(askedSlots(first)).toEqual(['account', 'demand']);
    // Phone and refund demand in one message: demand answered, contact_phone taken unasked.
    const next = await chat.send(`${say.phone} ${say.refund}`);
    expect(acts(next)).toEqual(['confirm']);
    expect(next[0]?.text).toContain('13812345678');
    expect(next[0]?.text).toContain(scripts[lang].choices.demand_labels.refund);
  });
});
