import { beforeAll, describe, expect, it } from 'vitest';
import type { ScriptBook } from '../../src/flows/script-book.js';
import { acts, IntakeHarness, shippedConfig } from '../support/intake-harness.js';
import { LANGS, PHRASES } from '../support/intake-phrases.js';

/** A withdrawal that carries its own reason (issue 11: withdrawal in any phrasing). */
const WITHDRAW_WITH_WHY = {
  zh: '快递员刚刚已经送到了，这个投诉我撤回吧',
  en: 'The parcel has just turned up at my door, so I want to withdraw my complaint',
} as const;

let scripts: ScriptBook;
beforeAll(async () => {
  scripts = (await shippedConfig()).scripts;
});

describe.each(LANGS)('intake self-service (%s)', (lang) => {
  const say = PHRASES[lang];

  /** A conversation that has just filed a billing ticket; returns the chat and the ticket id. */
  async function filed(): Promise<{ chat: IntakeHarness; ticketId: string }> {
    const chat = await IntakeHarness.create();
    await chat.send(say.billing);
    await chat.send(say.phone);
    const [ticket] = await chat.send(say.yes);
    const ticketId = ticket?.meta.ticketId;
    if (!ticketId) throw new Error('no ticket filed');
    return { chat, ticketId };
  }

  it('tells the status of a ticket by its number; another conversation must prove it first', async () => {
    const { chat, ticketId } = await filed();
    const [own] = await chat.send(say.status(ticketId));
    expect(own?.meta).toMatchObject({ act: 'inform', ticketId });
    expect(own?.text).toContain(scripts[lang].choices.status_labels.open);

    const other = await IntakeHarness.create({ tickets: chat.deps.tickets, conversationId: 'c2' });
    const [ask] = await other.send(say.status(ticketId));
    expect(ask?.meta.act).toBe('ask');
    const [status] = await other.send(say.phone.slice(-4));
    expect(status?.meta).toMatchObject({ act: 'inform', ticketId });
    expect(status?.text).toContain(scripts[lang].choices.status_labels.open);

    await other.send(say.status('Q20200101-0077'));
    const [missing] = await other.send('1234');
    expect(scripts[lang].replies.status_not_found[0]).toContain('{ticketId}');
    expect(missing?.text).toContain('Q20200101-0077');
    expect(missing?.meta.ticketId).toBeUndefined();
  });

  it('asks for the number when a status question has none and there is no ticket', async () => {
    const chat = await IntakeHarness.create();
    const [ask] = await chat.send(say.statusNoId);
    expect(ask?.meta.act).toBe('ask');
    expect(scripts[lang].replies.status_ask_id).toContain(ask?.text);
  });

  it('adds a supplement to the open ticket', async () => {
    const { chat, ticketId } = await filed();
    const [done] = await chat.send(say.supplement);
    expect(done?.meta).toMatchObject({ act: 'inform', ticketId });
    const before = await chat.deps.tickets.get(ticketId);
    const [more] = await chat.send(say.phone);
    expect(more?.meta).toMatchObject({ act: 'inform', ticketId });
    const ticket = await chat.deps.tickets.get(ticketId);
    expect(ticket?.supplements.map((s) => s.text)).toEqual([say.supplement, say.phone]);
    // The story stays as told; the supplement's words are kept with the supplement.
    expect(ticket?.slots.event).toEqual(before?.slots.event);
    expect(await chat.deps.tickets.listByConversation('conv-test')).toHaveLength(1);
  });

  it('withdraws the ticket with the reason the customer gives', async () => {
    const { chat, ticketId } = await filed();
    const [ask] = await chat.send(say.withdraw);
    expect(ask?.meta).toMatchObject({ act: 'ask', ticketId });
    expect(ask?.meta.suggestions).toEqual(scripts[lang].choices.withdraw_reasons);
    const [done] = await chat.send(say.withdrawReason);
    expect(done?.meta).toMatchObject({ act: 'inform', ticketId });
    const ticket = await chat.deps.tickets.get(ticketId);
    expect(ticket).toMatchObject({ status: 'withdrawn', withdrawReason: say.withdrawReason });
  });

  it('withdraws at once when the withdrawal says why, keeping those words as the reason', async () => {
    const { chat, ticketId } = await filed();
    const why = WITHDRAW_WITH_WHY[lang];
    const [done] = await chat.send(why);
    expect(done?.meta).toMatchObject({ act: 'inform', ticketId });
    const ticket = await chat.deps.tickets.get(ticketId);
    expect(ticket).toMatchObject({ status: 'withdrawn', withdrawReason: why });
  });

  it('stops the intake when the customer withdraws before anything is filed', async () => {
    const chat = await IntakeHarness.create();
    await chat.send(say.billing);
    const [done] = await chat.send(say.withdraw);
    expect(done?.meta.act).toBe('close');
    expect(await chat.deps.tickets.listByConversation('conv-test')).toEqual([]);
    const [next] = await chat.send(say.hello);
    expect(next?.meta.act).toBe('inform');
  });

  it('answers an out-of-scope question politely and offers a human', async () => {
    const chat = await IntakeHarness.create();
    const replies = await chat.send(say.outOfScope);
    expect(acts(replies)).toEqual(['inform']);
    expect(scripts[lang].replies.out_of_scope).toContain(replies[0]?.text);
    expect(replies[0]?.meta.suggestions).toEqual(scripts[lang].choices.human_choices);
  });

  it('treats prompt-injection text as text: nothing is resolved, no instruction changes', async () => {
    const { chat, ticketId } = await filed();
    const replies = await chat.send(say.injection);
    expect(acts(replies)).not.toContain('close');
    const ticket = await chat.deps.tickets.get(ticketId);
    expect(ticket?.status).toBe('open');
    expect(ticket?.statusHistory.map((s) => s.status)).toEqual(['open']);
    // The text itself is kept as the customer's words, never obeyed.
    const texts = replies.map((r) => r.text).join(' ');
    expect(texts).not.toMatch(/已解决|resolved/i);
  });
});
