import { describe, expect, it } from 'vitest';
import { quoteIsolated } from '../../src/domain/bidi.js';
import { buildSummary } from '../../src/handoff/summary/build-summary.js';
import { NAUGHTY_STRINGS } from '../fixtures/naughty-strings.js';
import { IntakeHarness } from '../support/intake-harness.js';

const CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
const OVERRIDES = /[\u202A-\u202E]/g;

/** Every override or embedding in `text` sits inside an isolate that is closed after it. */
function overridesContained(text: string): boolean {
  for (const match of text.matchAll(OVERRIDES)) {
    const at = match.index;
    const open = text.lastIndexOf('\u2068', at);
    const closedBefore = text.lastIndexOf('\u2069', at);
    const closedAfter = text.indexOf('\u2069', at);
    if (open < 0 || closedBefore > open || closedAfter < 0) return false;
  }
  return true;
}

describe('customer words quoted in other text', () => {
  it('are left alone unless they carry bidi controls', () => {
    for (const text of ['话费被多扣了50元', 'charged twice', ...NAUGHTY_STRINGS])
      expect(quoteIsolated(text)).toBe(CONTROLS.test(text) ? `\u2068${text}\u2069` : text);
  });

  it('cannot reverse the rest of the assistant’s restatement', async () => {
    const chat = await IntakeHarness.create();
    const replies = [
      ...(await chat.send('我的话费昨天被多扣了50元,\u202E我要退款')),
      ...(await chat.send('13812345678')),
    ];
    const confirm = replies.find((r) => r.meta.act === 'confirm');
    // The restatement is built from the slots; whatever customer words it quotes stay isolated.
    expect(confirm).toBeDefined();
    for (const reply of replies) expect(overridesContained(reply.text), reply.text).toBe(true);
  });

  it('cannot reverse the rest of the suggested first reply', () => {
    const summary = buildSummary({
      ticket: {
        id: 'Q20261202-7KX3FC',
        conversationId: 'c',
        channel: 'web',
        lang: 'zh',
        category: 'billing',
        nature: 'effective',
        severity: 'P2',
        flags: [],
        slots: {
          contact_name: { value: '王\u202E五', raw: '王\u202E五', confidence: 0.9 },
          demand: { value: 'refund', raw: '\u202E退钱', confidence: 0.9 },
        },
        missingSlots: ['amount'],
        emotions: [],
        createdAt: '2026-12-02T02:00:00.000Z',
      },
      transcript: [],
      handoffAt: new Date('2026-12-02T02:05:00.000Z'),
      slaMinutes: 30,
    });
    expect(summary.suggestedFirstReply).toMatch(OVERRIDES);
    expect(overridesContained(summary.suggestedFirstReply)).toBe(true);
  });
});
