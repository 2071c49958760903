import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CUSTOMER_ACTS,
  EMOTIONS,
  URGENCY_CAUSES,
  type CustomerActKind,
  type EmpathyFamily,
  type Emotion,
  type Intent,
} from '../../src/domain/taxonomy.js';
import {
  CorpusFormatError,
  corpusClock,
  loadCorpusDialogues,
  loadCorpusMessages,
  type CorpusDialogue,
  type CorpusMessage,
} from './corpus.schema.js';

const here = (dir: string): string => fileURLToPath(new URL(dir, import.meta.url));
const messages = loadCorpusMessages(here('./messages'));
const dialogues = loadCorpusDialogues(here('./dialogues'));

const count = <T>(xs: readonly T[], pred: (x: T) => boolean): number => xs.filter(pred).length;
const inLang = <T extends { lang: string }>(xs: readonly T[], lang: string): T[] =>
  xs.filter((x) => x.lang === lang);

/** The families a trained handler may use for each emotion (seed 000). */
const FAMILIES_FOR: Record<Emotion, readonly EmpathyFamily[]> = {
  neutral: ['none', 'thank'], // 'thank' for a suggestion or courteous feedback
  positive: ['thank', 'none'],
  anxious: ['reassure_anxiety'],
  sad: ['take_seriously'],
  angry: ['acknowledge_anger'],
};

/** Acts whose coarse intent is fixed by the act itself. */
const INTENT_OF: Partial<Record<CustomerActKind, Intent>> = {
  complaint: 'complaint',
  second_complaint: 'complaint',
  venting: 'complaint',
  check_status: 'check_status',
  withdraw: 'withdraw',
  praise: 'praise',
  suggestion: 'suggestion',
  request_human: 'request_human',
  affirm: 'affirm',
  deny: 'deny',
  greeting: 'greeting',
  supplement: 'supplement',
};

const CJK = /[\u3400-\u9fff]/;
const MOBILE_OR_INTL = /(?<!\d)1[3-9]\d{9}(?!\d)|\+\d[\d ()-]{7,}\d/;

/** The date part of a time slot, compared as text against the local date of the item's clock. */
function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(at);
}

/** Text with spacing, dashes, brackets and a "(0)" trunk prefix removed, upper-cased: where a number's digits can be looked up. */
const squeeze = (text: string): string => text.replace(/\(0\)|[\s()\-·]/g, '').toUpperCase();

/** An account or phone expectation must be the customer's own number, not a typo in the corpus. */
function numberGiven(value: string, haystack: string): boolean {
  const digits = squeeze(value);
  return (
    squeeze(haystack).includes(digits) ||
    squeeze(haystack).includes(digits.replace(/^\+\d{2,3}/, ''))
  );
}

function tricky(m: CorpusMessage): boolean {
  const s = m.expect.slots ?? {};
  return (
    m.expect.amounts !== undefined ||
    m.expect.slotIssues !== undefined ||
    s.account !== undefined ||
    s.place !== undefined ||
    s.time !== undefined ||
    (s.contact_phone?.startsWith('+') ?? false)
  );
}

describe('corpus messages', () => {
  it('meet the minimum counts per language and per kind of case', () => {
    expect(messages.length).toBeGreaterThanOrEqual(750);
    expect(inLang(messages, 'zh').length).toBeGreaterThanOrEqual(450);
    expect(inLang(messages, 'en').length).toBeGreaterThanOrEqual(250);
    expect(
      count(messages, (m) => ['neutral', 'positive'].includes(m.expect.emotion)),
    ).toBeGreaterThanOrEqual(120);
    expect(count(messages, (m) => m.expect.urgent)).toBeGreaterThanOrEqual(80);
    expect(count(messages, (m) => m.context?.pending !== undefined)).toBeGreaterThanOrEqual(150);
    expect(count(messages, tricky)).toBeGreaterThanOrEqual(100);
  });

  it('cover every emotion, act and urgency cause in both languages, so per-label figures mean something', () => {
    for (const lang of ['zh', 'en']) {
      const own = inLang(messages, lang);
      for (const emotion of EMOTIONS)
        expect(
          count(own, (m) => m.expect.emotion === emotion),
          `${lang} ${emotion}`,
        ).toBeGreaterThanOrEqual(8);
      for (const act of CUSTOMER_ACTS)
        expect(
          count(own, (m) => m.expect.act === act),
          `${lang} ${act}`,
        ).toBeGreaterThanOrEqual(1);
      for (const cause of URGENCY_CAUSES)
        expect(
          count(own, (m) => m.expect.urgencyCause === cause),
          `${lang} ${cause}`,
        ).toBeGreaterThanOrEqual(2);
    }
  });

  it('have unique ids and no repeated text', () => {
    const ids = [...messages.map((m) => m.id), ...dialogues.map((d) => d.id)];
    expect(ids.length - new Set(ids).size).toBe(0);
    const seen = new Map<string, string>();
    for (const m of messages) {
      const key = m.text.replace(/[\s\p{P}]/gu, '').toLowerCase();
      expect(seen.get(key), `${m.id} repeats ${seen.get(key)}`).toBeUndefined();
      seen.set(key, m.id);
    }
  });

  it('are written in their language', () => {
    for (const m of messages) {
      if (m.lang === 'en') expect(CJK.test(m.text), m.id).toBe(false);
      else expect(CJK.test(m.text) || !/[a-z]/i.test(m.text), m.id).toBe(true);
    }
  });

  it('pair each emotion with a family a trained handler would use', () => {
    for (const m of messages)
      expect(FAMILIES_FOR[m.expect.emotion], m.id).toContain(m.expect.family);
  });

  it('give urgent cases an empathy that reassures or acknowledges, never none', () => {
    for (const m of messages.filter((x) => x.expect.urgent))
      expect(['reassure_anxiety', 'acknowledge_anger'], m.id).toContain(m.expect.family);
  });

  it('keep act and intent consistent', () => {
    for (const m of messages) {
      const intent = INTENT_OF[m.expect.act];
      if (intent) expect(m.expect.intent, m.id).toBe(intent);
    }
    for (const m of messages.filter((x) => x.expect.act === 'praise'))
      expect(m.expect.emotion, m.id).toBe('positive');
  });

  it('give a correction the same value in actValue and in slots', () => {
    for (const m of messages.filter((x) => x.expect.act === 'correction')) {
      const slot = m.expect.actSlot!;
      const value = m.expect.slots?.[slot];
      if (value !== undefined) expect(m.expect.actValue, m.id).toBe(value);
    }
  });

  it('never expect a date after the message was sent', () => {
    for (const m of messages) {
      const time = m.expect.slots?.time;
      if (time === undefined) continue;
      const clock = corpusClock(m);
      const today = localDate(clock.now, clock.timeZone);
      expect(time.slice(0, 10) <= today.slice(0, time.slice(0, 10).length), `${m.id} ${time}`).toBe(
        true,
      );
    }
  });

  it('expect accounts and phones the customer actually wrote (or the context holds)', () => {
    for (const m of messages) {
      const context = Object.values(m.context?.knownSlots ?? {}).join(' ');
      for (const slot of ['account', 'contact_phone'] as const) {
        const value = m.expect.slots?.[slot];
        if (value === undefined || (m.expect.act === 'correction' && m.expect.actSlot === slot))
          continue;
        expect(numberGiven(value, `${m.text} ${context}`), `${m.id} ${slot} ${value}`).toBe(true);
      }
    }
  });

  it('expect a malformed-phone issue only for a value that is not also expected as the phone', () => {
    for (const m of messages.filter((x) => x.expect.slotIssues))
      for (const issue of m.expect.slotIssues!)
        expect(m.expect.slots?.[issue.slot], m.id).toBeUndefined();
  });
});

/** Slots a turn's expectations say were already given, so no later turn may ask them. */
function givenBy(turn: CorpusDialogue['turns'][number]): string[] {
  return [
    ...(turn.expect?.never_asks ?? []),
    ...(MOBILE_OR_INTL.test(turn.customer) ? ['contact_phone'] : []),
  ];
}

describe('corpus dialogues', () => {
  it('meet the minimum counts per language', () => {
    expect(dialogues.length).toBeGreaterThanOrEqual(130);
    expect(inLang(dialogues, 'zh').length).toBeGreaterThanOrEqual(85);
    expect(inLang(dialogues, 'en').length).toBeGreaterThanOrEqual(45);
  });

  it('cover every outcome and urgent cases in both languages', () => {
    for (const lang of ['zh', 'en']) {
      const own = inLang(dialogues, lang);
      for (const outcome of [
        'ticket',
        'commendation',
        'no_ticket',
        'withdrawn',
        'handoff',
        'answered',
      ])
        expect(
          count(own, (d) => d.final?.outcome === outcome),
          `${lang} ${outcome}`,
        ).toBeGreaterThanOrEqual(2);
      expect(
        count(own, (d) => d.final?.urgent === true),
        `${lang} urgent`,
      ).toBeGreaterThanOrEqual(5);
    }
  });

  it('never expect a turn to ask for what an earlier turn already gave', () => {
    for (const d of dialogues) {
      const given = new Set<string>();
      d.turns.forEach((turn, i) => {
        const asks = turn.expect?.asks;
        if (asks && asks !== 'none') {
          expect(given.has(asks), `${d.id} turn ${i + 1} asks ${asks} again`).toBe(false);
          expect(turn.expect?.never_asks ?? [], `${d.id} turn ${i + 1}`).not.toContain(asks);
        }
        for (const slot of givenBy(turn)) given.add(slot);
      });
    }
  });

  it('expect final accounts the customer actually wrote', () => {
    for (const d of dialogues) {
      const account = d.final?.slots?.account;
      if (account === undefined) continue;
      expect(
        numberGiven(account, d.turns.map((t) => t.customer).join(' ')),
        `${d.id} ${account}`,
      ).toBe(true);
    }
  });

  it('make urgent dialogues end in a P1 handoff', () => {
    for (const d of dialogues.filter((x) => x.final?.urgent)) {
      expect(d.final?.priority, d.id).toBe('P1');
      expect(d.final?.outcome, d.id).toBe('handoff');
    }
  });

  it('never file a ticket in a dialogue whose outcome is not a ticket or a handoff', () => {
    for (const d of dialogues.filter((x) =>
      ['commendation', 'no_ticket', 'answered'].includes(x.final?.outcome ?? ''),
    ))
      for (const turn of d.turns) expect(turn.expect?.ticket, d.id).not.toBe(true);
  });

  it('never include and exclude the same text in one turn', () => {
    for (const d of dialogues)
      for (const turn of d.turns) {
        const excluded = turn.expect?.excludes ?? [];
        for (const text of turn.expect?.includes_any ?? [])
          expect(
            excluded.some((x) => text.includes(x)),
            `${d.id}: ${text}`,
          ).toBe(false);
      }
  });

  it('are written in their language', () => {
    for (const d of dialogues)
      for (const turn of d.turns)
        if (d.lang === 'en') expect(CJK.test(turn.customer), d.id).toBe(false);
  });
});

describe('corpus loaders', () => {
  const dirs: string[] = [];
  const dirWith = (name: string, text: string): string => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
    dirs.push(dir);
    writeFileSync(join(dir, name), text);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  const good = {
    id: 'zh-x-0001',
    lang: 'zh',
    text: '13912345678',
    context: { pending: ['contact_phone'] },
    expect: {
      emotion: 'neutral',
      family: 'none',
      urgent: false,
      act: 'answer',
      actSlot: 'contact_phone',
      intent: 'other',
      flags: [],
    },
  };

  it('name the file and line of a message that breaks a cross-field rule', () => {
    const bad = { ...good, id: 'zh-x-0002', context: {} };
    const dir = dirWith('zh-x.jsonl', `${JSON.stringify(good)}\n${JSON.stringify(bad)}\n`);
    expect(() => loadCorpusMessages(dir)).toThrow(CorpusFormatError);
    expect(() => loadCorpusMessages(dir)).toThrow(/zh-x\.jsonl:2: .*needs context\.pending/s);
  });

  it('name the slot whose value is not in its normal form', () => {
    const bad = { ...good, expect: { ...good.expect, slots: { amount: '28.8元' } } };
    const dir = dirWith('zh-x.jsonl', JSON.stringify(bad));
    expect(() => loadCorpusMessages(dir)).toThrow(/zh-x\.jsonl:1: .*amount must look like/s);
  });

  it('reject a message filed under the other language', () => {
    const dir = dirWith('en-x.jsonl', JSON.stringify(good));
    expect(() => loadCorpusMessages(dir)).toThrow(/en-x\.jsonl:1: .*does not match the file name/);
  });

  it('name the line where a bad dialogue starts', () => {
    const yaml = [
      '- id: zh-x-01',
      '  lang: zh',
      '  persona: p',
      '  turns: [{ customer: a }, { customer: b }, { customer: c }]',
      '- id: zh-x-02',
      '  lang: zh',
      '  persona: p',
      '  turns: [{ customer: a, expect: { asks: nothing } }, { customer: b }, { customer: c }]',
    ].join('\n');
    const dir = dirWith('zh-x.yaml', yaml);
    expect(() => loadCorpusDialogues(dir)).toThrow(/zh-x\.yaml:5: .*asks/s);
  });
});
