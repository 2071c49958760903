import { describe, expect, it } from 'vitest';
import { IntakeHarness } from '../support/intake-harness.js';

describe('a courteous yes at the restatement', () => {
  it.each([
    [
      'en',
      'I was charged £12.50 twice yesterday, please refund it',
      '+44 7700 900123',
      'OK, thanks',
    ],
  ])(
    '%s: "thanks" to "have I got that right?" files the ticket',
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
});
