import { describe, expect, it } from 'vitest';
import { isSharperTime } from '../../src/dialogs/absorb-slots.js';
import { IntakeHarness } from '../support/intake-harness.js';

/** The dialog misreads of the trainer's review of 2026-12-02, each pinned so it cannot come back. */
const TUESDAY = new Date('2026-12-01T02:00:00.000Z'); // 10:00 in Shanghai, 02:00 in London

async function slotsAfter(messages: readonly string[], timeZone = 'Asia/Shanghai') {
  const chat = await IntakeHarness.create({ timeZone, clock: () => TUESDAY });
  for (const text of messages) await chat.send(text, TUESDAY);
  return (await chat.memory())?.complaint.slots ?? {};
}

describe('a vague time is replaced by an exact one given later', () => {
  it.each([
    [
      ['上周家里宽带断了好几次 地址是滨江花园3栋502', '具体是上周三下午三点左右断的'],
      '2026-11-25T15:00:00+08:00',
    ],
    [
      ['前几天营业厅的营业员态度特别差', '是上礼拜四上午十点左右 在万达广场那家营业厅'],
      '2026-11-26T10:00:00+08:00',
    ],
  ])('%j → %s', async (messages, time) => {
    expect((await slotsAfter(messages)).time?.value).toBe(time);
  });

  it('en: "a few days ago", then "last Wednesday at 3pm"', async () => {
    const slots = await slotsAfter(
      [
        'My broadband kept dropping out a few days ago, 14 Rose Street, Bristol',
        'Actually it was last Wednesday at 3pm',
      ],
      'Europe/London',
    );
    expect(slots.time?.value).toBe('2026-11-25T15:00:00+00:00');
  });

  it('an exact time is not replaced by a vaguer one said later', () => {
    const exact = { value: '2026-11-25T15:00:00+08:00', raw: '上周三下午3点', confidence: 0.9 };
    const guess = { value: '2026-11-24', raw: '上周', confidence: 0.5 };
    expect(isSharperTime(guess, exact)).toBe(false);
    expect(isSharperTime(exact, guess)).toBe(true);
    const day = { value: '2026-11-25', raw: '上周三', confidence: 0.85 };
    expect(isSharperTime(exact, day)).toBe(true);
    expect(isSharperTime({ value: '2026-11-30', raw: '昨天', confidence: 0.9 }, day)).toBe(false);
  });
});
