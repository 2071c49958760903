import { describe, expect, it } from 'vitest';
import { fitToChannel, type ChannelCapabilities } from '../src/channels/capabilities.js';

const rich: ChannelCapabilities = { quickReplies: true, typing: true, maxTextLength: 4000 };
const plain: ChannelCapabilities = { quickReplies: false, typing: false, maxTextLength: 20 };

describe('fitToChannel', () => {
  it('leaves a message a channel can show as it is', () => {
    const message = { text: '您好', meta: { act: 'inform' as const, suggestions: ['是', '否'] } };
    expect(fitToChannel(message, rich)).toEqual([message]);
  });

  it('turns quick replies into a numbered list where buttons are missing', () => {
    const [only] = fitToChannel(
      { text: '请选择', meta: { act: 'ask', suggestions: ['是', '否'] } },
      { ...plain, maxTextLength: 100 },
    );
    expect(only).toEqual({ text: '请选择\n1. 是\n2. 否', meta: { act: 'ask' } });
  });

  it('splits over-long text at sentence ends, keeping every character and the meta on the last part', () => {
    const text = '第一句话说明情况。第二句话继续说明。第三句。';
    const parts = fitToChannel({ text, meta: { act: 'inform' } }, plain);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => [...p.text].length <= plain.maxTextLength)).toBe(true);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(parts.at(-1)?.meta).toEqual({ act: 'inform' });
    expect(parts[0]?.meta).toBeUndefined();
  });

  it('hard-splits text with no break, counting characters not UTF-16 units', () => {
    const text = '😀'.repeat(45);
    const parts = fitToChannel({ text }, plain);
    expect(parts.map((p) => [...p.text].length)).toEqual([20, 20, 5]);
  });
});
