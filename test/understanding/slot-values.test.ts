import { describe, expect, it } from 'vitest';
import type { SlotValues } from '../../src/domain/analysis.js';
import { eventPhrase } from '../../src/understanding/slots/event.slot.js';
import { parseEnglishNumber } from '../../src/understanding/slots/english-number.js';
import { ctx, offline } from './support.js';

const NOW = new Date('2026-12-01T10:00:00+08:00'); // a Tuesday
const known = (slots: Record<string, string>): SlotValues =>
  Object.fromEntries(
    Object.entries(slots).map(([k, v]) => [k, { value: v, raw: v, confidence: 1 }]),
  );
const read = (text: string, more: Parameters<typeof ctx>[0] = {}) =>
  offline.analyzeSync(text, ctx({ now: NOW, timeZone: 'Asia/Shanghai', ...more }));
const slot = (text: string, name: keyof SlotValues, more: Parameters<typeof ctx>[0] = {}) =>
  read(text, more).slots[name]?.value;

describe('amounts said without 元 or currency', () => {
  it.each([
    ['保险公司每年扣368 我根本不知道', '368 CNY'],
    ['转了3000给一个陌生账号', '3000 CNY'],
    ['售后说要收上门费80', '80 CNY'],
    ['应该是两笔加起来 一共2148', '2148 CNY'],
    ['医院要先交五万押金', '50000 CNY'],
    ['去年3200今年4100 也没出险', '900 CNY'],
  ])('%s → %s', (text, want) => {
    expect(slot(text, 'amount')).toBe(want);
  });

  it('"几十块" is no figure, and "五块 五块钱" is not 5.50', () => {
    expect(read('一根要280 外面才几十块').amounts.map((m) => m.value)).toEqual(['280 CNY']);
    expect(slot('每个月多扣我五块 五块钱是不多', 'amount')).toBe('5 CNY');
  });

  it('English: number words, A$, and the price named after the amount', () => {
    const en = { lang: 'en' as const, timeZone: 'Europe/London' };
    expect(slot('about forty quid', 'amount', { ...en, pending: ['amount'] })).toBe('40 GBP');
    expect(slot('The refund (A$349) never came', 'amount', en)).toBe('349 AUD');
    expect(slot('the £39 is my monthly plan, they charged £67.80', 'amount', en)).toBe('28.80 GBP');
    expect(slot('was charged 45.60 instead of 34.20', 'amount', en)).toBe('11.40 GBP');
    expect(parseEnglishNumber('a hundred and twenty')).toBe(120);
    expect(parseEnglishNumber('forty two')).toBe(42);
    expect(parseEnglishNumber('lots')).toBeUndefined();
  });

  it('"这不是骗人吗" is no correction: the overcharge stays the disputed amount', () => {
    expect(slot('营业员说每个月只要29,现在每个月扣49,这不是骗人吗', 'amount')).toBe('20 CNY');
  });
});

describe('dates', () => {
  it.each([
    ['是上上周的周五', '2026-11-20'],
    ['上个礼拜天买的洗衣机', '2026-11-29'],
    ['去年12月办的套餐', '2025-12'],
    ['大概是月初吧', '2026-12'],
    ['11月底收到的账单', '2026-11'],
  ])('%s → %s', (text, want) => {
    expect(slot(text, 'time')).toBe(want);
  });

  it('"中午" is no middle of the month, and what was said just now is no incident time', () => {
    expect(slot('订单号JD2026112900231 昨天中午的单', 'time')).toBe('2026-11-30T12:00:00+08:00');
    expect(slot('我刚才说的39是月租 扣的是67.8', 'time')).toBeUndefined();
    const en = { lang: 'en' as const, timeZone: 'Europe/London' };
    expect(slot("I've said this three times now: Saturday the 28th", 'time', en)).toBe(
      '2026-11-28',
    );
    expect(slot('the fault started the Sunday before last', 'time', en)).toBe('2026-11-22');
  });
});

describe('people, places, demands, products, accounts', () => {
  it.each([
    ['那个营业员叫张丽 态度太差', '张丽'],
    ['你们的维修工王师傅手艺不错', '王师傅'],
    ['给你们的维修师傅陈建国送面锦旗', '陈建国'],
    ['谢谢理赔专员小陈', '理赔专员小陈'],
  ])('%s → people %s', (text, want) => {
    expect(slot(text, 'people')).toBe(want);
  });

  it('no person in "师傅相当好," or "客服都不接"', () => {
    expect(slot('师傅相当好,', 'people')).toBeUndefined();
    expect(slot('客服都不接电话', 'people')).toBeUndefined();
  });

  it.each([
    ['thank you to Priya at your Croydon branch', 'Priya'],
    ['Your rep on the phone, Gary, was incredibly rude', 'Gary'],
    ["the engineer's name was Dave", 'Dave'],
    ['Daniel was brilliant', 'Daniel'],
  ])('%s → people %s', (text, want) => {
    expect(slot(text, 'people', { lang: 'en' })).toBe(want);
  });

  it('places across 那个/那家, unit numbers in words, parking levels, named buildings', () => {
    expect(slot('就在你们人民路那个营业厅', 'place')).toBe('人民路营业厅');
    expect(slot('我在杭州 西湖区文三路那家店', 'place')).toBe('西湖区文三路那家店');
    expect(slot('电梯关人了 9号楼二单元', 'place')).toBe('9号楼二单元');
    expect(slot('地下车库着火了!!!B2', 'place')).toBe('B2');
    const en = { lang: 'en' as const };
    expect(slot('stuck in the lift at Riverside Court', 'place', en)).toBe('Riverside Court');
    expect(slot('Flat 12B, Harbour View Mansion, Tsim Sha Tsui', 'place', en)).toBe(
      'Flat 12B, Harbour View Mansion, Tsim Sha Tsui',
    );
    expect(slot('Told you already — flat 4, 9 Mill Lane, the driver', 'people', en)).toBe(
      undefined,
    );
  });

  it('a demand turned down or inside a noun does not count', () => {
    expect(slot('不是要赔偿 我就要个道歉', 'demand')).toBe('apology');
    expect(slot("I don't want compensation, I just want it fixed", 'demand', { lang: 'en' })).toBe(
      'fix',
    );
    expect(slot('维修基金要再交一笔 也没个明细', 'demand')).toBe('explanation');
  });

  it('the phone the customer speaks from is no product; a named 业务 is', () => {
    expect(slot('我手机上收到短信 扣了我50块', 'product')).toBeUndefined();
    expect(slot('我手机上的视频会员被续费了', 'product')).toBe('视频会员');
    expect(slot('我的手机屏幕碎了', 'product')).toBe('手机');
    expect(slot('有个校信通业务 麻烦帮我取消', 'product')).toBe('校信通');
  });

  it('accounts: bare card numbers, spaced card numbers, case references; not the contact phone', () => {
    expect(slot('我是6222021234567890123这张卡的持卡人', 'account')).toBe('6222021234567890123');
    expect(slot('卡号是6217 0012 3456 7890', 'account')).toBe('6217001234567890');
    expect(slot('where are we with case TK-55123', 'account', { lang: 'en' })).toBe('TK-55123');
    const a = read('有问题打我电话13698765432');
    expect(a.slots.account).toBeUndefined();
    expect(a.slots.contact_phone?.value).toBe('13698765432');
  });

  it('"电话就是出问题的这个号": the contact phone is the known line', () => {
    const more = {
      pending: ['contact_phone' as const],
      knownSlots: known({ account: '13811112222' }),
    };
    expect(slot('电话就是出问题的这个号', 'contact_phone', more)).toBe('13811112222');
  });

  it('an English conversation in Sydney reads phones as Australian', () => {
    const au = {
      lang: 'en' as const,
      timeZone: 'Australia/Sydney',
      pending: ['contact_phone' as const],
    };
    expect(slot('(02) 9374 4000, the office', 'contact_phone', au)).toBe('+61293744000');
    expect(slot('0412 345 678', 'contact_phone', au)).toBe('+61412345678');
  });
});

describe('corrections of part of a known value', () => {
  it.each([
    ['应该是7栋 不是1栋', { place: '1栋2203' }, 'place', '7栋2203'],
    ["it's flat 4, not flat 14", { place: 'flat 14, 9 Mill Lane' }, 'place', 'flat 4, 9 Mill Lane'],
    [
      "not Sarah, it's Sara without the h",
      { contact_name: 'Sarah Jones' },
      'contact_name',
      'Sara Jones',
    ],
    ['我姓陈不姓程', { contact_name: '程先生' }, 'contact_name', '陈先生'],
  ] as const)('%s', (text, slots, name, want) => {
    const lang = /[a-z]/.test(text) ? ('en' as const) : ('zh' as const);
    expect(slot(text, name, { lang, knownSlots: known(slots) })).toBe(want);
  });
});

describe('the event phrase', () => {
  it.each([
    ['你好我要投诉!!!你们的宽带太垃圾了😡 断了三天了', 'zh', '你们的宽带太垃圾了 断了三天了'],
    ['tmd 你们这什么破快递 三天了还没到', 'zh', '你们这什么破快递 三天了还没到'],
    ['月租39,这个月扣了67.8', 'zh', '月租39,这个月扣了67.8'],
    [
      'Hi there, I want to complain about my broadband. It has been down since Monday!!!',
      'en',
      'my broadband. It has been down since Monday',
    ],
  ] as const)('%s', (text, lang, want) => {
    expect(eventPhrase(text, lang)).toBe(want);
  });

  it('is what the analysis files as the event, and stays short', () => {
    const long = `您好,${'我家楼上漏水已经一个星期了,物业一直推脱说不归他们管,'.repeat(3)}`;
    const event = read(long).slots.event?.value ?? '';
    expect(event.startsWith('我家楼上漏水')).toBe(true);
    expect(event.length).toBeLessThanOrEqual(40);
  });
});
