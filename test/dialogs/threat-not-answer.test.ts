import { describe, expect, it } from 'vitest';
import { askedSlots, IntakeHarness, RecordingHandoff } from '../support/intake-harness.js';

/** A threat said while a question is pending is the threat, not the product or place asked for. */
describe('a threat after a question', () => {
  it.each([
    [
      'en',
      'A week with no heating and your engineer keeps cancelling',
      'Posting this on Facebook tonight unless someone sorts it',
    ],
    ['zh', '车险理赔拖了两个月了 每次打电话都说在审核', '再不给我理赔我就去银保监投诉'],
  ] as const)('%s: is never stored as the pending slot', async (_lang, opener, threat) => {
    const handoff = new RecordingHandoff();
    const chat = await IntakeHarness.create({ handoff });
    const asked = await chat.send(opener);
    const pending = askedSlots(asked);
    await chat.send(threat);
    const ticket = await chat.deps.tickets.get(handoff.requests[0]?.ticketId ?? '');
    expect(ticket).toBeDefined();
    const values = Object.values(ticket?.slots ?? {}).map((v) => v?.value);
    expect(values).not.toContain(threat);
    expect(pending.length).toBeGreaterThan(0);
  });
});
