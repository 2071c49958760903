import { describe, expect, it } from 'vitest';
import {
  acts,
  askedSlots,
  IntakeHarness,
  RecordingHandoff,
  type BotReply,
} from '../support/intake-harness.js';
import { LANGS } from '../support/intake-phrases.js';
import {
  readingMessage,
  scriptedUnderstanding,
  type ScriptedReading,
} from '../support/scripted-understanding.js';

/*
 * Transcript tests for the exchanges a trainer flagged in reports/dialogues.md (issue 11), zh and
 * en: the situation's own urgent step, a worsening case while queued, a goodbye before filing, "I
 * already said" with the value in the same message, "don't know" about one thing only, and a
 * restatement a person would say.
 */
const WORDS = {
  zh: {
    lift: '电梯',
    liftStep: '警铃',
    sign: '她有高血压',
    healthStep: '120',
    unsure: '记不清了，大概11月',
    month: '11月的话费多收了28.8元（应为39元）',
    unknown: '暂时不清楚',
    notSaid: ['2026-11', 'CNY', '号码 13812345678 的'],
  },
  en: {
    lift: 'stuck in the lift',
    liftStep: 'alarm',
    sign: 'she has high blood pressure',
    healthStep: 'ambulance',
    unsure: "can't remember, some time in November",
    unknown: 'not known',
    month: 'So in November, you were overcharged by ¥28.80 on your 话费 (it should have been ¥39',
    notSaid: ['on Nov', 'for 话费', 'line 13812345678'],
  },
} as const;

const text = (replies: readonly BotReply[]): string => replies.map((r) => r.text).join('\n');

describe.each(LANGS)('issue 11 transcripts (%s)', (lang) => {
  const read = (reading: ScriptedReading): string => readingMessage({ lang, ...reading });
  const words = WORDS[lang];
  const chat = (options: Parameters<typeof IntakeHarness.create>[0] = {}) =>
    IntakeHarness.create({ understanding: scriptedUnderstanding(), ...options });
  const complaint = (extra: ScriptedReading): string =>
    read({
      intent: 'complaint',
      act: { kind: 'complaint' },
      category: 'billing',
      nature: 'effective',
      ...extra,
    });

  it('gives a person trapped in a lift the lift step, whatever cause was read, then a P1 handoff', async () => {
    const handoff = new RecordingHandoff();
    const c = await chat({ handoff });
    const replies = await c.send(
      complaint({
        category: 'emergency',
        emotion: 'anxious',
        intensity: 0.9,
        urgency: { urgent: true, cause: 'health', cue: words.lift },
      }),
    );
    expect(acts(replies)).toEqual(['inform', 'handoff']);
    expect(replies[0]?.text).toContain(words.liftStep);
    expect(replies[0]?.meta.family).toBe('reassure_anxiety');
    expect(askedSlots(replies)).toEqual([]);
    const ticket = await c.deps.tickets.get(handoff.requests[0]?.ticketId ?? '');
    expect(ticket?.severity).toBe('P1');
  });

  it('takes a worsening case seriously while queued: the health step, P1, and the agent is told', async () => {
    const handoff = new RecordingHandoff();
    const c = await chat({ handoff });
    await c.send(
      complaint({
        category: 'emergency',
        urgency: { urgent: true, cause: 'safety', cue: words.lift },
      }),
    );
    const worse = await c.send(
      read({ values: { event: { value: words.sign, raw: words.sign, confidence: 0.5 } } }),
    );
    expect(text(worse)).toContain(words.healthStep);
    expect(worse[0]?.meta.family).toBe('reassure_anxiety');
    const ticket = await c.deps.tickets.get(handoff.requests[0]?.ticketId ?? '');
    expect(ticket?.handoffRule).toBe('urgent:health');
    expect(ticket?.severity).toBe('P1');
    // Said once: the same sign again is only noted.
    const again = await c.send(
      read({ values: { event: { value: words.sign, raw: words.sign, confidence: 0.5 } } }),
    );
    expect(text(again)).not.toContain(words.healthStep);
  });

  it('reads the complaint back once when the customer says goodbye before it is filed', async () => {
    const c = await chat();
    await c.send(complaint({ slots: ['product', 'account', 'amount', 'time', 'demand'] }));
    const held = await c.send(read({ intent: 'goodbye', act: { kind: 'goodbye' } }));
    expect(acts(held)).toContain('confirm');
    const gone = await c.send(read({ intent: 'goodbye', act: { kind: 'goodbye' } }));
    expect(acts(gone)).toEqual(['close']);
    expect(await c.deps.tickets.listByConversation('conv-test')).toEqual([]);
  });

  it('apologises with the value an "I already said" message itself carries, and asks nothing again', async () => {
    const c = await chat();
    const first = await c.send(complaint({ slots: ['amount', 'time'] }));
    expect(askedSlots(first)).toEqual(['account', 'demand']);
    await c.send(read({ slots: ['demand'] }));
    // Pending now is the phone; the number they say they gave is in this very message.
    const replies = await c.send(
      read({
        act: { kind: 'already_said' },
        values: { account: { value: 'ORDER-778899', raw: 'ORDER-778899', confidence: 0.9 } },
      }),
    );
    expect(acts(replies)[0]).toBe('empathize');
    expect(replies[0]?.text).toContain('ORDER-778899');
    expect(askedSlots(replies)).not.toContain('account');
    const [ticketless] = await c.deps.tickets.listByConversation('conv-test');
    expect(ticketless).toBeUndefined();
  });

  it('takes "not sure of the date, some time in November" as the date, not as "don\'t know" for the rest', async () => {
    const c = await chat();
    const first = await c.send(
      complaint({
        slots: ['amount', 'demand'],
        values: { account: { value: 'ORDER-778899', raw: 'ORDER-778899', confidence: 0.9 } },
      }),
    );
    expect(askedSlots(first)).toEqual(['time', 'contact_phone']);
    const replies = await c.send(
      read({ values: { time: { value: '2026-11', raw: words.unsure, confidence: 0.6 } } }),
    );
    expect(acts(replies)).toContain('confirm');
    expect(text(replies)).not.toContain(words.unknown);
  });

  it('restates a month, the amount by role, the product and the number as a person would', async () => {
    const c = await chat();
    await c.send(
      complaint({
        slots: ['product', 'demand'],
        values: {
          account: { value: '13812345678', raw: '13812345678', confidence: 0.9 },
          time: { value: '2026-11', raw: '11月', confidence: 0.9 },
          amount: { value: '28.80 CNY', raw: '28.8', confidence: 0.9 },
        },
        amounts: [
          { value: '28.80 CNY', raw: '28.8', role: 'overcharged' },
          { value: '39 CNY', raw: '39', role: 'expected' },
        ],
      }),
    );
    const replies = await c.send(read({ slots: ['contact_phone'] }));
    const said = text(replies);
    expect(said).toContain(words.month);
    for (const stiff of words.notSaid) expect(said).not.toContain(stiff);
  });
});

describe.each([
  [
    'zh',
    '想表扬工号6688的王师傅 上门很耐心地修好了我家热水器',
    '工号 6688 的同事',
    '修好了您家热水器',
  ],
  [
    'en',
    'Your engineer, Marcus, fixed my boiler in twenty minutes. Brilliant.',
    'Marcus',
    'fixed your boiler',
  ],
] as const)('praise (%s, offline understanding)', (_lang, praise, person, deed) => {
  it('thanks the person by name for what they did and records a commendation', async () => {
    const c = await IntakeHarness.create();
    const replies = await c.send(praise);
    expect(text(replies)).toContain(person);
    expect(text(replies)).toContain(deed);
    const follow = await c.send(_lang === 'zh' ? '麻烦转告他的领导' : 'please tell his manager');
    expect(askedSlots(follow)).toEqual([]);
    const tickets = await c.deps.tickets.listByConversation('conv-test');
    expect(tickets.map((t) => t.kind)).toEqual(['commendation']);
  });
});
