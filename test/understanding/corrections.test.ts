import { describe, expect, it } from 'vitest';
import type { SlotValues } from '../../src/domain/analysis.js';
import { ctx, offline } from './support.js';

const turn = (text: string, knownSlots: SlotValues = {}) =>
  offline.analyzeSync(text, ctx({ knownSlots })).slots;

describe('corrections', () => {
  it('"不是昨天,是前天" carries the corrected date', () => {
    const first = turn('昨天宽带断了');
    expect(first.time?.value).toBe('2026-11-24');
    expect(turn('不是昨天,是前天', first).time?.value).toBe('2026-11-23');
  });

  it('"no, the 14th" resolves the new day against now', () => {
    expect(
      turn('no, the 14th', { time: { value: '2026-11-13', raw: 'the 13th', confidence: 0.9 } }).time
        ?.value,
    ).toBe('2026-11-14');
  });

  it('keeps the value after the rejected one whichever comes first', () => {
    expect(turn('it was the Main Street branch, not the Oxford Street store').place?.value).toBe(
      'Main Street branch',
    );
    expect(turn('不是朝阳路营业厅,是解放路营业厅').place?.value).toBe('解放路营业厅');
  });

  it('a bare replacement goes to the known slot whose value was rejected', () => {
    const known: SlotValues = {
      people: { value: 'staff:1024', raw: '工号1024', confidence: 0.95 },
    };
    expect(turn('不是1024,是1025', known).people?.value).toBe('staff:1025');
    const account: SlotValues = { account: { value: 'A778899', raw: 'A778899', confidence: 0.95 } };
    expect(turn('not A778899, it is A778890', account).account?.value).toBe('A778890');
  });

  it('numbers that are not money, dates or ids stay out of the slots', () => {
    for (const t of ['我们一块去的营业厅', '我买了3件衣服', '房间号是1203', 'I have 2 kids']) {
      const slots = turn(t);
      expect(slots.amount, t).toBeUndefined();
      expect(slots.account, t).toBeUndefined();
      expect(slots.time, t).toBeUndefined();
    }
  });

  it('without a correction cue the most confident value wins', () => {
    expect(turn('订单号JD2023110300123,另外还有个SF1234567890').account?.value).toBe(
      'JD2023110300123',
    );
  });

  it('a correction that names nothing known changes nothing', () => {
    expect(
      turn('不是这样的', { time: { value: '2026-11-24', raw: '昨天', confidence: 0.9 } }),
    ).toEqual({});
  });
});
