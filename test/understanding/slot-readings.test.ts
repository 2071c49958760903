import { describe, expect, it } from 'vitest';
import { ctx, offline } from './support.js';

const NOW = new Date('2026-12-01T10:00:00+08:00'); // a Tuesday
const read = (text: string, timeZone = 'Asia/Shanghai') =>
  offline.analyzeSync(text, ctx({ now: NOW, timeZone }));

describe('amounts with their roles', () => {
  it('the disputed amount is the overcharge: 月租39, 扣了67.8 → 28.80', () => {
    const a = read('整啥玩意儿呢你们,月租39,这个月扣了67.8!');
    expect(a.slots.amount?.value).toBe('28.80 CNY');
    expect(a.amounts.map((m) => [m.value, m.role])).toEqual([
      ['39 CNY', 'expected'],
      ['67.80 CNY', 'charged'],
      ['28.80 CNY', 'overcharged'],
    ]);
  });

  it('several amounts without 元 are kept', () => {
    const a = read('上个月被扣了两笔,一笔1888一笔260');
    expect(a.amounts.map((m) => m.value)).toEqual(['1888 CNY', '260 CNY']);
  });

  it('the digits of an order number are never an amount', () => {
    const a = read('订单号20261103556781扣款299元,我根本没下单');
    expect(a.amounts.map((m) => m.value)).toEqual(['299 CNY']);
    expect(a.slots.account?.value).toBe('20261103556781');
  });
});

describe('accounts, places, dates, phones', () => {
  it.each([
    ['我手机号尾号3087 这两个月都多扣了钱', '3087'],
    ['我是139开头那个号的机主,13912348765,这个号被扣了钱', '13912348765'],
  ])('%s → account %s', (text, account) => {
    expect(read(text).slots.account?.value).toBe(account);
  });

  it.each([
    ['我住9号楼,楼道灯坏了', '9号楼'],
    ['7栋2203的水管漏了', '7栋2203'],
    ['no signal at flat 4, 9 Mill Lane for days', 'flat 4, 9 Mill Lane'],
  ])('%s → place %s, never a date', (text, place) => {
    const a = read(text);
    expect(a.slots.place?.value).toBe(place);
    if (/号楼/.test(text)) expect(a.slots.time).toBeUndefined();
  });

  it.each([
    ['两年前买的热水器坏了', '2024-12-01', 'Asia/Shanghai'],
    ['上礼拜四来修过一次', '2026-11-26', 'Asia/Shanghai'],
    ['11月的账单不对', '2026-11', 'Asia/Shanghai'],
    ['上个月的账单多扣了', '2026-11', 'Asia/Shanghai'],
    ['The broadband has been down since Monday', '2026-11-30', 'Europe/London'],
    ['I was charged twice on the 3rd', '2026-11-03', 'Europe/London'],
    ["last month's bill is wrong", '2026-11', 'Europe/London'],
  ])('%s → time %s', (text, time, zone) => {
    expect(read(text, zone).slots.time?.value).toBe(time);
  });

  it.each([
    ['call me on +44 20 7946 0958', '+442079460958'],
    ['my mobile is +61 412 345 678', '+61412345678'],
    ['ring me on +852 9123 4567', '+85291234567'],
    ['call me on (020) 7946 0958', '+442079460958'],
  ])('%s → %s', (text, phone) => {
    expect(read(text, 'Europe/London').slots.contact_phone?.value).toBe(phone);
  });
});
