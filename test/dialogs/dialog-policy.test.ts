import { ActivityTypes } from 'botbuilder';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScriptBook } from '../../src/flows/script-book.js';
import type { FlowSet } from '../../src/flows/flow.schema.js';
import {
  acts,
  askedSlots,
  IntakeHarness,
  RecordingHandoff,
  shippedConfig,
  type BotReply,
} from '../support/intake-harness.js';
import { LANGS } from '../support/intake-phrases.js';
import {
  readingMessage,
  scriptedUnderstanding,
  type ScriptedReading,
} from '../support/scripted-understanding.js';

/*
 * The dialog policy of issue 11, pattern by pattern, in zh and en, driven by scripted readings so
 * that what is tested is the dialog's behaviour, not the understanding's quality.
 */

let scripts: ScriptBook;
let flows: FlowSet;
beforeAll(async () => {
  ({ scripts, flows } = await shippedConfig());
});

const HALF_WIDTH_NEXT_TO_HAN = /[\p{Script=Han}][,?!:;()]|[,?!:;()][\p{Script=Han}]/u;
const texts = (replies: readonly BotReply[]): string => replies.map((r) => r.text).join('\n');

describe.each(LANGS)('dialog policy (%s)', (lang) => {
  const read = (reading: ScriptedReading): string => readingMessage({ lang, ...reading });
  const opener = (extra: ScriptedReading = {}): string =>
    read({
      intent: 'complaint',
      act: { kind: 'complaint' },
      category: 'billing',
      nature: 'effective',
      ...extra,
    });
  const chat = (options: Parameters<typeof IntakeHarness.create>[0] = {}) =>
    IntakeHarness.create({ understanding: scriptedUnderstanding(), ...options });
  const yes = read({ intent: 'affirm', act: { kind: 'affirm' } });

  async function fileBilling(c: IntakeHarness, extra: ScriptedReading = {}): Promise<BotReply[]> {
    await c.send(opener({ slots: ['product', 'account', 'amount', 'time', 'demand'], ...extra }));
    return c.send(read({ slots: ['contact_phone'] }));
  }

  it('restates from the slots in local form, with the amount role and currency, and asks if it is right', async () => {
    const c = await chat();
    await c.send(
      opener({
        slots: ['product', 'account', 'time', 'demand'],
        values: { amount: { value: '28.80 CNY', raw: '28.8', confidence: 0.9 } },
        amounts: [
          { value: '28.80 CNY', raw: '28.8', role: 'overcharged' },
          { value: '39 CNY', raw: '39', role: 'expected' },
        ],
      }),
    );
    const [restated] = await c.send(read({ slots: ['contact_phone'] }));
    expect(restated?.meta.act).toBe('confirm');
    expect(restated?.meta.suggestions).toEqual(scripts[lang].choices.confirm_choices);
    const text = restated?.text ?? '';
    expect(text).toContain(lang === 'zh' ? '11月24日' : '24 Nov');
    expect(text).toContain(lang === 'zh' ? '多收了28.8元' : 'overcharged by ¥28.80');
    expect(text).toContain('13812345678');
    for (const raw of ['2026-11-24', 'CNY', 'slots:', 'json:']) expect(text).not.toContain(raw);
    if (lang === 'zh') expect(text).not.toMatch(HALF_WIDTH_NEXT_TO_HAN);
  });

  it('thanks praise specifically and records a commendation, not a complaint', async () => {
    const c = await chat();
    const replies = await c.send(
      read({
        intent: 'praise',
        act: { kind: 'praise' },
        emotion: 'positive',
        intensity: 0.7,
        empathy: { family: 'thank' },
        values: { people: { value: '小王', raw: '小王', confidence: 0.9 } },
      }),
    );
    expect(acts(replies)).toEqual(['inform']);
    expect(replies[0]?.meta.family).toBe('thank');
    expect(replies[0]?.text).toContain('小王');
    const [ticket] = await c.deps.tickets.listByConversation('conv-test');
    expect(ticket?.kind).toBe('commendation');
    expect(texts(replies)).not.toContain(ticket?.id);
  });

  it('listens to venting, offers a record once, and files nothing when declined', async () => {
    const c = await chat();
    const vent = await c.send(
      read({ act: { kind: 'venting' }, emotion: 'angry', intensity: 0.5, category: 'network' }),
    );
    expect(acts(vent)).toEqual(['empathize']);
    expect(vent[0]?.meta.suggestions).toEqual(scripts[lang].choices.vent_choices);
    const declined = await c.send(scripts[lang].choices.vent_choices[1]);
    expect(acts(declined)).toEqual(['close']);
    expect(await c.deps.tickets.listByConversation('conv-test')).toEqual([]);
    const again = await c.send(read({ act: { kind: 'thanks' } }));
    expect(acts(again)).toEqual(['close']);
    expect(scripts[lang].replies.thanks_reply).toContain(again[0]?.text);
  });

  it('starts collecting when the venting customer asks for a record', async () => {
    const c = await chat();
    await c.send(read({ act: { kind: 'venting' }, category: 'network' }));
    const accepted = await c.send(scripts[lang].choices.vent_choices[0]);
    expect(askedSlots(accepted).length).toBeGreaterThan(0);
    expect(askedSlots(accepted)).not.toContain('event');
  });

  it('puts an urgent case first: the configured step, then a P1 handoff, before any question', async () => {
    const handoff = new RecordingHandoff();
    const c = await chat({ handoff });
    const replies = await c.send(
      opener({
        category: 'emergency',
        emotion: 'anxious',
        intensity: 0.9,
        urgency: { urgent: true, cause: 'safety', cue: 'hazard' },
      }),
    );
    expect(acts(replies)).toEqual(['inform', 'handoff']);
    expect(flows.flowFor('emergency').urgentSteps.safety?.[lang]).toContain(replies[0]?.text);
    expect(replies[0]?.meta.family).toBe('reassure_anxiety');
    expect(askedSlots(replies)).toEqual([]);
    expect(handoff.requests.map((r) => r.rule)).toEqual(['urgent:safety']);
    const ticket = await c.deps.tickets.get(handoff.requests[0]?.ticketId ?? '');
    expect(ticket?.severity).toBe('P1');
  });

  it('answers "how long?" from the policy and the filed case', async () => {
    const c = await chat();
    await fileBilling(c);
    const [filed] = await c.send(yes);
    const answer = await c.send(read({ act: { kind: 'time_question' } }));
    expect(acts(answer)).toEqual(['inform']);
    expect(answer[0]?.meta.ticketId).toBe(filed?.meta.ticketId);
    // Filed 2026-11-25 10:00 Beijing time: the call back is due 24 hours later.
    expect(answer[0]?.text).toContain(lang === 'zh' ? '11月26日上午10点' : '26 Nov, 10 am');
  });

  it('tells a repeat complainant the earlier promise was not kept, escalates, and never repeats itself', async () => {
    const c = await chat();
    await fileBilling(c, { flags: ['repeat_complaint'] });
    const [filed] = await c.send(yes);
    expect(
      scripts[lang].replies.ticket_filed_repeat.some((t) => filed?.text.startsWith(t.slice(0, 8))),
    ).toBe(true);
    expect(filed?.text).toContain('4');
    // A repeat billing complaint is P2; escalated, it is P1.
    const ticket = await c.deps.tickets.get(filed?.meta.ticketId ?? '');
    expect(ticket?.severity).toBe('P1');
    await fileBilling(c, { flags: ['repeat_complaint'] });
    const [second] = await c.send(yes);
    const firstWords = filed?.text.replace(/Q\S+/g, '') ?? '';
    expect(second?.text.replace(/Q\S+/g, '')).not.toBe(firstWords);
  });

  it('answers a counter-question with the reason and the question once more', async () => {
    const c = await chat();
    await c.send(opener({ slots: ['product', 'account', 'amount', 'time', 'demand'] }));
    const replies = await c.send(read({ act: { kind: 'question_back', slot: 'contact_phone' } }));
    expect(askedSlots(replies)).toEqual(['contact_phone']);
    const reason = flows.flowFor('billing').reasons.contact_phone?.[lang][0] ?? '';
    expect(replies[0]?.text.startsWith(reason.slice(0, 6))).toBe(true);
  });

  it('apologises for a "told you already" with the value from the history, and does not ask again', async () => {
    const c = await chat();
    const asked = await c.send(opener({ slots: ['product', 'amount', 'time', 'demand'] }));
    expect(askedSlots(asked)).toContain('account');
    const replies = await c.send(read({ act: { kind: 'already_said' } }));
    expect(acts(replies)).toContain('empathize');
    expect(askedSlots(replies)).not.toContain('account');
  });

  it('names what is wrong with a malformed value and asks for it again', async () => {
    const c = await chat();
    await c.send(opener({ slots: ['product', 'amount', 'time', 'demand'] }));
    const replies = await c.send(
      read({
        slotIssues: [{ slot: 'contact_phone', problem: 'phone_too_short', raw: '1381234567' }],
      }),
    );
    expect(askedSlots(replies)).toEqual(['contact_phone']);
    expect(
      scripts[lang].replies.issue_phone_too_short.some((t) => replies[0]?.text.startsWith(t)),
    ).toBe(true);
  });

  it('empathises once per emotional turn in the family read, and not at all with a calm customer', async () => {
    const c = await chat();
    const calm = await c.send(opener({ emotion: 'neutral', empathy: { family: 'none' } }));
    expect(calm.some((r) => r.meta.family !== undefined)).toBe(false);
    for (const anger of [...scripts[lang].replies.empathize_angry_high, '息怒', 'calm down'])
      expect(texts(calm)).not.toContain(anger);
    const c2 = await chat();
    const sad = await c2.send(
      opener({ emotion: 'sad', intensity: 0.6, empathy: { family: 'take_seriously' } }),
    );
    expect(sad.filter((r) => (r.meta.acts ?? [r.meta.act]).includes('empathize'))).toHaveLength(1);
    expect(sad[0]?.meta.family).toBe('take_seriously');
  });

  it('sends at most two bubbles a turn, each after a typing indicator', async () => {
    const c = await chat();
    await c.adapter.receiveActivity({
      type: ActivityTypes.Message,
      text: opener({ emotion: 'angry', intensity: 0.6, empathy: { family: 'acknowledge_anger' } }),
      timestamp: new Date('2026-11-25T02:00:00.000Z'),
    });
    const sent = c.adapter.activeQueue.splice(0).map((a) => a.type);
    expect(sent).toEqual([
      ActivityTypes.Typing,
      ActivityTypes.Message,
      ActivityTypes.Typing,
      ActivityTypes.Message,
    ]);
  });

  it('answers a courteous "OK, thanks" politely', async () => {
    const c = await chat();
    const replies = await c.send(read({ act: { kind: 'thanks' } }));
    expect(acts(replies)).toEqual(['close']);
    expect(texts(replies)).not.toContain(scripts[lang].replies.out_of_scope[0]);
  });
});
