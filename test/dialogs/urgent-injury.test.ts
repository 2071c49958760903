import { describe, expect, it } from 'vitest';
import { acts, IntakeHarness, RecordingHandoff } from '../support/intake-harness.js';

/** An injury gets first aid for an injury, not the "fresh air" step of someone feeling unwell. */
describe('the urgent step for an injury', () => {
  it.each([
    ['zh', '你们外卖小哥骑车把我家孩子撞了 腿在流血 人就跑了', '按住伤口'],
    [
      'en',
      'Your delivery rider knocked my son over on his scooter, his knee is bleeding badly',
      'cloth',
    ],
  ] as const)('%s', async (_lang, opener, firstAid) => {
    const handoff = new RecordingHandoff();
    const chat = await IntakeHarness.create({ handoff });
    const replies = await chat.send(opener);
    expect(acts(replies)).toEqual(['inform', 'handoff']);
    expect(replies[0]?.text).toContain(firstAid);
    expect(replies[0]?.text).not.toMatch(/通风|fresh air/);
    const ticket = await chat.deps.tickets.get(handoff.requests[0]?.ticketId ?? '');
    expect(ticket?.severity).toBe('P1');
  });
});
