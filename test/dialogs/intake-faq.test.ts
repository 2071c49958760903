import { beforeAll, describe, expect, it } from 'vitest';
import type { ScriptBook } from '../../src/flows/script-book.js';
import { loadKnowledgeDir } from '../../src/knowledge/jsonl.knowledge-loader.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge.port.js';
import { createKnowledgeBase } from '../../src/knowledge/memory.knowledge-base.js';
import {
  acts,
  askedSlots,
  IntakeHarness,
  RecordingHandoff,
  shippedConfig,
} from '../support/intake-harness.js';
import { LANGS, PHRASES } from '../support/intake-phrases.js';

let scripts: ScriptBook;
let faq: KnowledgeBase;
beforeAll(async () => {
  scripts = (await shippedConfig()).scripts;
  const { entries, synonyms } = await loadKnowledgeDir('config/knowledge');
  faq = createKnowledgeBase(entries, { synonyms });
});

describe.each(LANGS)('intake FAQ (%s)', (lang) => {
  const say = PHRASES[lang];
  const answerOf = (query: string): string =>
    faq.search(query, { lang }).results[0]?.entry.answer ?? '';

  it('answers an inquiry from the knowledge base and asks whether it helped', async () => {
    const chat = await IntakeHarness.create({ faq });
    const [answer] = await chat.send(say.faqQuestion);
    expect(answerOf(say.faqQuestion)).not.toBe('');
    expect(answer?.meta.act).toBe('answer');
    expect(answer?.text.startsWith(answerOf(say.faqQuestion))).toBe(true);
    expect(answer?.meta.suggestions).toEqual(scripts[lang].choices.faq_choices);
    const [closed] = await chat.send(say.faqSolved);
    expect(closed?.meta.act).toBe('close');
    expect(scripts[lang].replies.faq_solved).toContain(closed?.text);
  });

  it('starts the intake with the question recorded when the answer did not help', async () => {
    const chat = await IntakeHarness.create({ faq });
    await chat.send(say.faqQuestion);
    const replies = await chat.send(say.faqNotSolved);
    expect(acts(replies).every((act) => act === 'ask')).toBe(true);
    expect(askedSlots(replies)).not.toContain('event');
    expect(scripts[lang].replies.faq_unsolved.some((t) => replies[0]?.text.startsWith(t))).toBe(
      true,
    );
    let next = replies;
    while (!acts(next).includes('confirm')) next = await chat.send(say.dontKnow);
    // The read-back does not echo the question; the ticket keeps it as what happened.
    expect(next[0]?.text).not.toContain(say.faqQuestion);
    const filed = await chat.send(say.yes);
    const ticket = await chat.deps.tickets.get(filed[0]?.meta.ticketId ?? '');
    expect(ticket?.slots.event?.value).toBe(say.faqQuestion);
  });

  it('answers an FAQ question asked mid-complaint and asks the pending question again', async () => {
    const handoff = new RecordingHandoff();
    const chat = await IntakeHarness.create({ faq, handoff });
    const opened = await chat.send(say.billing);
    const pending = askedSlots(opened);
    expect(pending.length).toBeGreaterThan(0);
    const replies = await chat.send(say.faqQuestion);
    expect(acts(replies)).toEqual(['answer', 'ask']);
    expect(replies[0]?.text).toBe(answerOf(say.faqQuestion));
    expect(askedSlots(replies)).toEqual(pending);
    expect(scripts[lang].replies.faq_resume.some((t) => replies[1]?.text.startsWith(t))).toBe(true);
    expect(handoff.requests).toEqual([]);
  });

  it('answers the question inside a complaint and carries on filing it', async () => {
    const chat = await IntakeHarness.create({ faq });
    const replies = await chat.send(say.complaintWithQuestion);
    const answer = replies.find((r) => (r.meta.acts ?? [r.meta.act]).includes('answer'));
    expect(answer?.text).toContain(answerOf(say.complaintWithQuestion));
    const asks = replies.filter((r) => r.meta.act === 'ask');
    expect(asks.length).toBeGreaterThan(0);
    expect(scripts[lang].replies.faq_offer_file.some((t) => asks[0]?.text.startsWith(t))).toBe(
      true,
    );
  });

  it('says the question is out of scope when the knowledge base abstains', async () => {
    const chat = await IntakeHarness.create({ faq });
    expect(faq.search(say.outOfScope, { lang }).abstained).toBe(true);
    const [reply] = await chat.send(say.outOfScope);
    expect(scripts[lang].replies.out_of_scope).toContain(reply?.text);
  });
});
