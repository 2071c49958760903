import { describe, expect, it } from 'vitest';
import { IntakeHarness } from '../support/intake-harness.js';

describe('a courteous yes at the restatement', () => {
  it.each([
    ['zh', '我13912345678这个号昨天被多扣了28.8元，麻烦退给我', '13912345678', '好的谢谢'],
    ['zh', '我13912345678这个号昨天被多扣了28.8元，麻烦退给我', '13912345678', '对 这回对了'],
    [
      'en',
      'I was charged £12.50 twice yesterday, please refund it',
      '+44 7700 900123',
      'OK, thanks',
    ],
    [
      'en',
      'I was charged £12.50 twice yesterday, please refund it',
      '+44 7700 900123',
      'yes, thanks',
    ],
  ])(
    '%s: a courteous yes to "have I got that right?" files the ticket (%s)',
    async (_lang, opener, phone, yes) => {
      const chat = await IntakeHarness.create();
      let replies = await chat.send(opener);
      for (let turn = 0; turn < 4 && !replies.some((r) => r.meta.act === 'confirm'); turn += 1)
        replies = await chat.send(phone);
      expect(replies.some((r) => r.meta.act === 'confirm')).toBe(true);
      const answer = await chat.send(yes);
      expect(answer.some((r) => r.meta.act === 'ticket')).toBe(true);
    },
  );

  it.each([
    ['zh', '我13912345678这个号昨天被多扣了28.8元，麻烦退给我', '13912345678', '好的 不过金额不对'],
    [
      'en',
      'I was charged £12.50 twice yesterday, please refund it',
      '+44 7700 900123',
      "yes but that's not the amount",
    ],
  ])(
    '%s: a yes taken back in the same breath files nothing (%s)',
    async (_lang, opener, phone, answer) => {
      const chat = await IntakeHarness.create();
      let replies = await chat.send(opener);
      for (let turn = 0; turn < 4 && !replies.some((r) => r.meta.act === 'confirm'); turn += 1)
        replies = await chat.send(phone);
      expect(replies.some((r) => r.meta.act === 'confirm')).toBe(true);
      const reply = await chat.send(answer);
      expect(reply.some((r) => r.meta.act === 'ticket')).toBe(false);
    },
  );
});
