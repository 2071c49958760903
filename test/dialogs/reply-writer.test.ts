import { describe, expect, it } from 'vitest';
import { fillTemplate, pick, scriptedWriter } from '../../src/dialogs/reply-writer.js';
import { IntakeHarness, shippedConfig } from '../support/intake-harness.js';

describe('scripted replies', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fillTemplate('工单 {ticketId},{hours} 小时', { ticketId: 'Q1', hours: 24 })).toBe(
      '工单 Q1,24 小时',
    );
    expect(fillTemplate('{nope}', {})).toBe('{nope}');
  });

  it('varies the wording with the seed and repeats it for the same seed', async () => {
    const { scripts } = await shippedConfig();
    const writer = scriptedWriter(() => scripts);
    const texts = await Promise.all(
      [1, 2, 3, 4].map((seed) => writer.write({ key: 'more_help', lang: 'zh', seed })),
    );
    expect(new Set(texts).size).toBe(scripts.zh.replies.more_help.length);
    expect(await writer.write({ key: 'more_help', lang: 'zh', seed: 3 })).toBe(texts[2]);
    expect(pick(['a', 'b', 'c'], -4)).toBe('b');
  });

  it('does not sound the same in every conversation', async () => {
    const openers = new Set<string>();
    for (const conversationId of ['a', 'b', 'c', 'd', 'e', 'f']) {
      const chat = await IntakeHarness.create({ conversationId });
      const replies = await chat.send('你们太过分了!我的话费莫名其妙多扣了50元');
      openers.add(replies.map((r) => r.text).join('|'));
    }
    expect(openers.size).toBeGreaterThan(1);
  });
});
