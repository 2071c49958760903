import { describe, expect, it } from 'vitest';
import { acts, IntakeHarness } from '../support/intake-harness.js';

/** "不用了谢谢" / "no thanks" is a no said politely: its thanks never files or records anything. */
describe('a polite refusal', () => {
  it.each([
    ['zh', '我就吐槽两句 不用处理 你们的等待音乐真的烦死人了', '不用了谢谢'],
    [
      'en',
      'just venting, no need to log anything. your hold music is driving me mad',
      "no thanks, don't record it",
    ],
  ] as const)('%s: declines the offer to record a vent', async (_lang, vent, refusal) => {
    const chat = await IntakeHarness.create();
    await chat.send(vent);
    const replies = await chat.send(refusal);
    expect(acts(replies)).toEqual(['close']);
    expect(replies.some((r) => r.meta.slot !== undefined)).toBe(false);
  });

  it.each([
    ['zh', '我13912345678这个号昨天被多扣了28.8元，麻烦退给我', '13912345678', '不用了谢谢'],
    [
      'en',
      'I was charged £12.50 twice yesterday, please refund it',
      '+44 7700 900123',
      'no thanks',
    ],
  ] as const)('%s: at the read-back files no ticket', async (_lang, opener, phone, refusal) => {
    const chat = await IntakeHarness.create();
    let replies = await chat.send(opener);
    for (let turn = 0; turn < 4 && !acts(replies).includes('confirm'); turn += 1)
      replies = await chat.send(phone);
    expect(acts(replies)).toContain('confirm');
    const answer = await chat.send(refusal);
    expect(acts(answer)).not.toContain('ticket');
  });
});
