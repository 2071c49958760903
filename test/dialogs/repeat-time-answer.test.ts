import { describe, expect, it } from 'vitest';
import { IntakeHarness } from '../support/intake-harness.js';

async function timeAnswer(opener: string): Promise<string> {
  const chat = await IntakeHarness.create();
  await chat.send(opener);
  await chat.send(
    'Line 01632 960001, dead since the 20th, 3 Birch Close. Call me on +44 7700 900560',
  );
  const replies = await chat.send('so when will someone actually call me?');
  return replies.find((r) => r.meta.act === 'inform')?.text ?? '';
}

/** "When will someone call?" from a repeat complainant quotes the escalated call-back time. */
describe('the time question during a repeat complaint', () => {
  it('quotes the escalated response hours (en)', async () => {
    const answer = await timeAnswer(
      'This is the THIRD time I am contacting you. Twice you promised a call back within 24 hours and nobody ever called. My landline is still dead.',
    );
    expect(answer).toContain('within 4 hours');
  });

  it('quotes the usual hours for a first complaint (en)', async () => {
    const answer = await timeAnswer('My landline is dead, no dial tone at all.');
    expect(answer).toContain('within 24 hours');
  });
});
