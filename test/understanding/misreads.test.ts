import { describe, expect, it } from 'vitest';
import { ctx, NOW, offline } from './support.js';

/** Misreads reported by the intake dialogs, each pinned so it cannot come back. */
const read = (text: string) => offline.analyzeSync(text, ctx());

/** Midnight of NOW's day in Shanghai: incident times must not be after NOW. */
const notAfterNow = (value: string | undefined): void => {
  expect(value).toBeDefined();
  const when = new Date(/T/.test(value ?? '') ? (value ?? '') : `${value ?? ''}T00:00:00+08:00`);
  expect(when.getTime()).toBeLessThanOrEqual(NOW.getTime());
};

describe('yes and no at a confirmation', () => {
  it.each([
    '不对',
    '不是',
    '不是这样',
    '不是的',
    '不对的',
    '错了',
    '不行',
    '没有',
    'no',
    'nope',
    "that's wrong",
    'not quite',
    "that's not right",
    'not correct',
  ])('%s → deny', (text) => {
    expect(read(text).intent).toBe('deny');
  });

  it.each(['对', '是的', '没错', '对的', 'yes', 'correct', "that's right", "yes, that's correct"])(
    '%s → affirm',
    (text) => {
      expect(read(text).intent).toBe('affirm');
    },
  );

  it.each(['没有解决', '没用', '还是不行', "No, that didn't help", 'No, not solved'])(
    'an unhelped customer denies: %s',
    (text) => {
      const a = read(text);
      expect(a.intent).toBe('deny');
      expect(a.slots.event).toBeUndefined();
    },
  );

  it('"Something is wrong" is still a complaint', () => {
    expect(read('Something is wrong').intent).toBe('complaint');
  });
});

describe('corrections', () => {
  it.each([
    ['不对,是前天', '2026-11-23'],
    ['不是昨天,是前天', '2026-11-23'],
    ['不是，是前天', '2026-11-23'],
    ['no, the 14th', '2026-11-14'],
  ])('%s is a supplement carrying the new value, never assent', (text, time) => {
    const a = read(text);
    expect(a.intent).toBe('supplement');
    expect(a.slots.time?.value).toBe(time);
    expect(a.slots.event).toBeUndefined();
  });

  it('an opening "no" inside a sentence is no correction', () => {
    expect(read('no internet for the past 2 weeks').intent).not.toBe('supplement');
  });
});

describe('withdraw and status', () => {
  it.each([
    ['I want to withdraw my complaint', 'withdraw'],
    ['Please cancel my complaint ticket', 'withdraw'],
    ['我要撤销工单', 'withdraw'],
    ['Any update on my complaint?', 'check_status'],
    ["What's the status of my ticket Q20261125-0042?", 'check_status'],
    ['我的投诉处理得怎么样了', 'check_status'],
    ['我的工单到哪一步了', 'check_status'],
  ])('%s → %s', (text, intent) => {
    expect(read(text).intent).toBe(intent);
  });
});

describe('durations date back from now', () => {
  it.each([
    ['The internet has been down for three days', '2026-11-22'],
    ['down for 3 days', '2026-11-22'],
    ['been waiting for two weeks', '2026-11-11'],
    ['三天都连不上网', '2026-11-22'],
    ['断网三天了', '2026-11-22'],
    ['网络断了三天', '2026-11-22'],
    ['一周了都没修好', '2026-11-18'],
  ])('%s → %s', (text, time) => {
    const value = read(text).slots.time?.value;
    expect(value).toBe(time);
    notAfterNow(value);
  });

  it('a span in hours keeps the clock time', () => {
    expect(read('断网两个小时了').slots.time?.value).toBe('2026-11-25T08:00:00+08:00');
  });

  it('a deadline is no incident time; a callback time may be ahead', () => {
    expect(read('三天内给我答复').slots.time).toBeUndefined();
    expect(read('三天后再联系我').slots.contact_time?.value).toBe('2026-11-28');
    expect(read('call me tomorrow at 3pm').slots.contact_time?.value).toBe(
      '2026-11-26T15:00:00+08:00',
    );
  });
});

describe('"I don\'t know" answers', () => {
  it.each(['不清楚', '不知道', '不记得了', "I don't know", 'not sure'])(
    '%s is calm, intent other, no event',
    (text) => {
      const a = read(text);
      expect(a.emotion).toBe('neutral');
      expect(a.intent).toBe('other');
      expect(a.slots.event).toBeUndefined();
    },
  );
});

describe('sadness', () => {
  it.each([
    '好难过…热水器坏了',
    '伤心，热水器坏了',
    '真让人心寒，又坏了',
    "I'm so upset, my heater is broken",
    "I'm disappointed, the heater broke",
  ])('%s reads as sad', (text) => {
    expect(read(text).emotion).toBe('sad');
  });

  it('anger words still win over sadness', () => {
    expect(read('气死我了,好难过,热水器坏了还没人管').emotion).toBe('angry');
  });
});
