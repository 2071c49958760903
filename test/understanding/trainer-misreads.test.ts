import { describe, expect, it } from 'vitest';
import type { SlotName } from '../../src/domain/taxonomy.js';
import { ctx, offline } from './support.js';

/** The misreads of the trainer's review of 2026-12-02, each pinned so it cannot come back. */
const TUESDAY = new Date('2026-12-01T10:00:00+08:00');
const read = (text: string, pending?: SlotName[]) =>
  offline.analyzeSync(
    text,
    ctx({ now: TUESDAY, ...(pending ? { pending, stage: 'collecting' as const } : {}) }),
  );
const slot = (text: string, name: SlotName, pending?: SlotName[]): string | undefined =>
  read(text, pending).slots[name]?.value;

describe('a number inside a date or a time of day is never an amount', () => {
  it.each([
    ['上周三被扣了39块的视频会员费', '39 CNY'],
    ['上礼拜四被扣了86块的什么会员费', '86 CNY'],
    ['星期五扣了二十 我没同意', '20 CNY'],
    ['11月3号扣了68', '68 CNY'],
  ])('%s → %s', (text, amount) => {
    expect(slot(text, 'amount')).toBe(amount);
  });

  it.each(['上周三扣了我钱', '周三被扣了钱 具体多少我得查一下', '礼拜天下午三点收了费'])(
    '%s has no amount',
    (text) => {
      expect(slot(text, 'amount')).toBeUndefined();
    },
  );
});

describe('the words that introduce an address are not part of the place', () => {
  it.each([
    ['地址是滨江花园3栋502', '滨江花园3栋502'],
    ['我家地址：阳光小区5号楼1单元301', '阳光小区5号楼1单元301'],
    ['住址在金沙路88号2栋', '金沙路88号2栋'],
    ['详细地址为翠苑三区12幢402室', '翠苑三区12幢402室'],
    ['我住在幸福里小区4栋701', '幸福里小区4栋701'],
  ])('%s → %s', (text, place) => {
    expect(slot(text, 'place', ['place'])).toBe(place);
  });
});

describe('the day keeps the hour said after it', () => {
  it.each([
    ['上周四上午10点', '2026-11-26T10:00:00+08:00'],
    ['上礼拜四上午十点左右', '2026-11-26T10:00:00+08:00'],
    ['上周日下午三点在营业厅交了50块押金', '2026-11-29T15:00:00+08:00'],
    ['上周三下午', '2026-11-25T15:00:00+08:00'],
    ['上周五晚上', '2026-11-27T20:00:00+08:00'],
  ])('%s → %s', (text, time) => {
    expect(slot(text, 'time')).toBe(time);
  });

  it.each(['上周', '前几天', 'a few days ago', 'last week', 'the other day'])(
    '"%s" is a guess, held below the confidence of a date the customer gave',
    (text) => {
      expect(read(text).slots.time?.confidence).toBeLessThan(0.7);
    },
  );
});

describe('repeated no-shows are a repeat complaint', () => {
  it.each([
    '师傅约了三次都没来',
    '维修的约了两回了 两回都放我鸽子',
    '装宽带的放了我三次鸽子了',
    '报修好几回了 一直没人上门',
    "engineer's been booked three times and never showed up",
    'third appointment missed, nobody came again',
    "they've stood me up twice now for the boiler repair",
  ])('%s', (text) => {
    const a = read(text);
    expect(a.flags).toContain('repeat_complaint');
    expect(a.emotion).toBe('angry');
  });

  it('one missed visit is not', () => {
    expect(read('师傅今天没来').flags).not.toContain('repeat_complaint');
    expect(read('the engineer did not turn up today').flags).not.toContain('repeat_complaint');
  });
});

describe('anger said as sarcasm or a rhetorical question', () => {
  it.each([
    '呵呵，真行',
    '呵呵 你们客服真是好样的',
    '厉害了 一个快递送了十天',
    '我谢谢你们啊，真会办事',
    '你们能不能靠点谱',
    '有没有人管啊？？？',
    'Brilliant. Just brilliant. Still no internet.',
    'Wow, thanks a lot for cutting me off mid-call',
    'Seriously?? how hard is it to deliver a parcel',
    'Who on earth approved this? Unbelievable.',
    'give me a break, the app is down AGAIN',
  ])('%s → angry', (text) => {
    expect(read(text).emotion).toBe('angry');
  });

  it.each([
    ['你们真行，半天就修好了，谢谢师傅', 'angry'],
    ['谢谢你们啊 退款已经收到了 效率挺高的👍', 'angry'],
    ['Fantastic service from the removals team today, nothing broken', 'angry'],
    ['Brilliant engineer, fixed it in twenty minutes', 'angry'],
    ['快递到现在还没到，麻烦帮我查一下，谢谢', 'angry'],
  ])('sincere words are not sarcasm: %s', (text, not) => {
    expect(read(text).emotion).not.toBe(not);
  });
});

describe('the platform of a threat is not the place', () => {
  it.each(['我要发抖音曝光你们', '我要发到微博上让大家看看', "I'll post this on Facebook tonight"])(
    '%s has no place',
    (text) => {
      expect(slot(text, 'place')).toBeUndefined();
    },
  );

  it('a purchase channel still is', () => {
    expect(slot('在抖音上买的耳机坏了', 'place')).toBe('online:抖音');
  });
});

describe('a time the customer wants something by is not when it happened', () => {
  it.each([
    ['上周一报的修 我要今天就派人来', '2026-11-23'],
    ['Booked it last Monday. I want someone here today.', '2026-11-30'],
  ])('%s → %s', (text, time) => {
    expect(slot(text, 'time')).toBe(time);
  });

  it('"I need to report that yesterday…" keeps yesterday', () => {
    expect(slot('I need to report that yesterday the engineer did not come', 'time')).toBe(
      '2026-11-30',
    );
  });
});
