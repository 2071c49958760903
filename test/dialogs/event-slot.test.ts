import { describe, expect, it } from 'vitest';
import { acts, IntakeHarness } from '../support/intake-harness.js';

/** What the agent's case and the ticket call "what happened": a phrase, with the opener kept raw. */
describe('the event of a filed complaint', () => {
  it.each([
    [
      'zh',
      '您好,打扰一下,我要投诉 我们7栋的电梯这周坏了两次了😡 麻烦安排人检修一下,谢谢',
      '13900000055',
      '好的',
    ],
    [
      'en',
      "Hi there, I want to complain about my broadband. It has been down since Monday and nobody's fixed it 😤",
      '07700 900613',
      'yes',
    ],
  ] as const)(
    'is the cleaned phrase, not the whole opener (%s)',
    async (lang, opener, phone, yes) => {
      const chat = await IntakeHarness.create();
      let replies = await chat.send(opener);
      for (let turn = 0; turn < 6 && !acts(replies).includes('confirm'); turn += 1)
        replies = await chat.send(turn === 0 ? phone : lang === 'zh' ? '不清楚' : "don't know");
      const filed = await chat.send(yes);
      const ticket = await chat.deps.tickets.get(filed.at(-1)?.meta.ticketId ?? '');
      const event = ticket?.slots.event;
      expect(event?.raw).toBe(opener);
      expect(event?.value.length).toBeLessThan(opener.length);
      expect(event?.value).not.toMatch(/您好|我要投诉|Hi there|complain about|[😡😤]/u);
    },
  );
});
