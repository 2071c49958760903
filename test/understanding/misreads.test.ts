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

describe('chasing ("帮我催一下") is a status request only when a case of ours exists', () => {
  it.each([
    ['帮我催一下 订单号E20261118776 买了一个礼拜了还没发货', 'complaint'],
    ['快递三天没动静了 帮忙催催', 'complaint'],
    ['Can you chase my parcel up please, it has been a week', 'complaint'],
    ['帮我催一下我上周提的那个投诉', 'check_status'],
    ['Could you chase up the complaint I made last week?', 'check_status'],
  ])('%s → %s (nothing filed yet)', (text, kind) => {
    expect(read(text).act.kind).toBe(kind);
  });

  it('once a ticket is filed, a bare 催一下 asks about it', () => {
    expect(offline.analyzeSync('帮我催一下吧', ctx({ stage: 'filed' })).act.kind).toBe(
      'check_status',
    );
  });

  it('催收 and 催费单 are no chasing', () => {
    expect(read('物业别再往我门上贴催费单了 我上个月就交了').act.kind).not.toBe('check_status');
  });
});

describe('references and contact numbers', () => {
  it.each([
    ['booking QX9901 was cancelled and nobody told me', 'QX9901'],
    ['预订号HT20261101 酒店说没有房', 'HT20261101'],
    ['订单号E20261118776 收到的外套袖子是破的', 'E20261118776'],
  ])('%s → account %s (DESIGN §3: account, phone or order number)', (text, id) => {
    expect(read(text).slots.account?.value).toBe(id);
  });

  it('"the booking was for 2 nights" names no reference', () => {
    expect(read('the booking was for 2 nights').slots.account).toBeUndefined();
  });

  it.each([
    ['打我手机13812345678就行', '13812345678'],
    ['just call me on 07700 900123', '+447700900123'],
  ])('asked for the account, "%s" is how to reach them', (text, phone) => {
    const a = offline.analyzeSync(text, ctx({ pending: ['account'], stage: 'collecting' }));
    expect(a.slots.contact_phone?.value).toBe(phone);
    expect(a.slots.account).toBeUndefined();
    expect(a.act).toMatchObject({ kind: 'answer_other', slot: 'contact_phone' });
  });

  it('a bare number asked for the account is still the account', () => {
    const a = offline.analyzeSync(
      '13812345678',
      ctx({ pending: ['account'], stage: 'collecting' }),
    );
    expect(a.slots.account?.value).toBe('13812345678');
  });

  it.each(['我要解冻', 'I want it unfrozen'])('%s → demand fix', (text) => {
    const a = offline.analyzeSync(text, ctx({ pending: ['demand'], stage: 'collecting' }));
    expect(a.slots.demand?.value).toBe('fix');
  });
});

describe('anxiety and anger said plainly', () => {
  it.each([
    '工资卡被冻结了，下个月房贷怎么办',
    '账户被冻了 我人在外地 钱取不出来 吃饭都成问题',
    '我可不想得罪人',
  ])('%s → reassure', (text) => {
    expect(read(text).empathy.family).toBe('reassure_anxiety');
  });

  it.each([
    '我已经很生气了',
    '我真的火了 修了两回还是漏水',
    '气死我了',
    '真是谢谢你们了啊',
    'I am furious',
    "I'm absolutely livid",
    'Oh brilliant, another bill with charges I never agreed to.',
  ])('%s → angry', (text) => {
    expect(read(text).emotion).toBe('angry');
  });

  it.each(['真是太谢谢你们了', '谢谢你们', 'Thanks a lot, that was really helpful'])(
    'sincere thanks stays calm: %s',
    (text) => {
      expect(read(text).emotion).not.toBe('angry');
    },
  );
});

describe('causes found in the dialogue transcripts', () => {
  it('asked for the account, a phone next to the account given is the contact', () => {
    const a = offline.analyzeSync(
      '保单号PAB-2025-220011 上个月15号续的 电话13800000024',
      ctx({ pending: ['account', 'time'], stage: 'collecting' }),
    );
    expect(a.slots.account?.value).toBe('PAB-2025-220011');
    expect(a.slots.contact_phone?.value).toBe('13800000024');
  });

  it('a month gone by is when it happened, even with "有事打这个号" in the message', () => {
    const a = read('我13900000053这个号11月份被开了个什么校信通 每月扣8块 有事打这个号');
    expect(a.slots.time?.value).toBe('2026-11');
    expect(a.slots.contact_time).toBeUndefined();
  });

  it('the 555 inside a phone number is no crying', () => {
    expect(
      read('你好 我11月的账单里有一笔19.9的信息费 号码是13344445555 麻烦帮我退掉').emotion,
    ).toBe('neutral');
  });

  it('幸福里 is a place, not happiness', () => {
    expect(read('就是宽带老掉线 幸福里小区4栋701').emotion).not.toBe('positive');
  });

  it('"骑手还让我给好评" after bad service is a complaint, not praise', () => {
    const a = read('外卖送了一个半小时 汤全洒了 骑手还让我给好评');
    expect(a.act.kind).toBe('complaint');
    expect(a.emotion).not.toBe('positive');
  });

  it('打了你们客服五六次了 → repeat_complaint', () => {
    expect(read('打了你们客服五六次了 都说给我回电 一次都没有').flags).toContain(
      'repeat_complaint',
    );
  });

  it.each([
    ['I want to praise your driver Sam, who carried my shopping upstairs', 'Sam'],
    ['The engineer, Marcus, fixed the boiler in twenty minutes', 'Marcus'],
  ])('%s → people %s', (text, name) => {
    expect(read(text).slots.people?.value).toBe(name);
  });

  it('"I think you should know" about mould is a complaint, not a suggestion', () => {
    const a = read(
      'the room had mould around the window. Not a huge drama, but I think you should know.',
    );
    expect(a.act.kind).toBe('complaint');
  });

  it.each([
    ["I'd like it refunded.", 'refund'],
    ['Please send an engineer.', 'fix'],
  ])('%s → demand %s', (text, demand) => {
    expect(read(text).slots.demand?.value).toBe(demand);
  });

  it.each([
    ['我要你们公示收费依据 电话13600000073', 'explanation'],
    ['给俺整好就行 电话13600000075', 'fix'],
  ])('%s → demand %s', (text, demand) => {
    const a = offline.analyzeSync(text, ctx({ pending: ['demand', 'contact_phone'] }));
    expect(a.slots.demand?.value).toBe(demand);
  });

  it.each(['I want it fixed.', '我要个道歉 再把我的问题解决了', 'best number is +61 412 345 678'])(
    'a demand or a contact is no praise: %s',
    (text) => {
      expect(read(text).emotion).toBe('neutral');
    },
  );

  it('a filed case: "cancel that complaint please" withdraws it', () => {
    const a = offline.analyzeSync(
      'cancel that complaint please, the engineer just turned up',
      ctx({ stage: 'filed' }),
    );
    expect(a.act.kind).toBe('withdraw');
  });
});
