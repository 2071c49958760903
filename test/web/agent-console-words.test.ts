import { describe, expect, it } from 'vitest';
import { EMOTIONS, RISK_FLAGS, SLOT_NAMES } from '../../src/domain/taxonomy.js';
import { CONSOLE_DICTIONARIES, consoleLabels } from '../../src/web/agent/i18n/labels.js';
import { latinWords, rawWordsIn } from './agent-console.support.js';

/** Every key path of a dictionary, e.g. `fields.emotion`. */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) =>
    keys(child, prefix ? `${prefix}.${key}` : key),
  );
}

describe('agent console dictionaries', () => {
  it('have the same keys in zh and en, none empty', () => {
    expect(keys(CONSOLE_DICTIONARIES.zh).sort()).toEqual(keys(CONSOLE_DICTIONARIES.en).sort());
    for (const dictionary of Object.values(CONSOLE_DICTIONARIES))
      for (const path of keys(dictionary)) {
        const value = path
          .split('.')
          .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], dictionary);
        expect(value, path).not.toBe('');
      }
  });

  it('say every Chinese string with no English word but the allowed key names', () => {
    const words = keys(CONSOLE_DICTIONARIES.zh).flatMap((path) =>
      latinWords(
        String(
          path
            .split('.')
            .reduce<unknown>(
              (node, key) => (node as Record<string, unknown>)[key],
              CONSOLE_DICTIONARIES.zh,
            ),
        ),
      ),
    );
    expect(rawWordsIn(words)).toEqual([]);
  });

  it('word an emotion with its strength, flags and elements in Chinese', () => {
    const zh = consoleLabels('zh');
    expect(zh.emotion({ emotion: 'angry', intensity: 0.94, at: '' })).toBe('愤怒（强）');
    expect(zh.emotion({ emotion: 'anxious', intensity: 0.5, at: '' })).toBe('焦虑（中）');
    expect(zh.emotion({ emotion: 'neutral', intensity: 0.1, at: '' })).toBe('平静');
    expect(zh.category('billing')).toBe('收费/扣费');
    expect(zh.nature('effective')).toBe('有效投诉');
    expect(zh.flag('regulator_threat')).toBe('扬言向监管投诉');
    expect(zh.list(['a', 'b'])).toBe('a、b');
    for (const code of [...EMOTIONS, ...RISK_FLAGS, ...SLOT_NAMES]) {
      const shown = (EMOTIONS as readonly string[]).includes(code)
        ? zh.emotion({ emotion: code as (typeof EMOTIONS)[number], intensity: 0.9, at: '' })
        : (RISK_FLAGS as readonly string[]).includes(code)
          ? zh.flag(code as (typeof RISK_FLAGS)[number])
          : zh.slot(code as (typeof SLOT_NAMES)[number]);
      expect(shown, code).not.toMatch(/[A-Za-z]/);
    }
  });

  it("show a collected time in the customer's words with the day it means, never raw ISO", () => {
    const zh = consoleLabels('zh');
    const en = consoleLabels('en');
    const withTime = { value: '2026-09-04T15:00:00+08:00', raw: '上周三下午三点', confidence: 0.8 };
    expect(zh.element('time', withTime)).toBe('上周三下午三点（9月4日 15:00）');
    expect(en.element('time', { ...withTime, raw: 'last Wednesday 3pm' })).toBe(
      'last Wednesday 3pm (4 September at 15:00)',
    );
    // A date alone stays that day whatever the agent's zone: 1 March is not shown as 28 February.
    const day = { value: '2026-03-01', raw: '2026-03-01', confidence: 0.9 };
    expect(zh.element('time', day)).toBe('3月1日');
    expect(zh.element('time', { ...day, raw: '3月1号' })).toBe('3月1号（3月1日）');
    expect(zh.element('amount', { value: '50.00 CNY', raw: '五十块', confidence: 0.9 })).toBe(
      '50.00 CNY',
    );
    expect(zh.element('time', { value: '前几天', raw: '前几天', confidence: 0.4 })).toBe('前几天');
  });

  it('rank priority in words: a P1 angry caller is urgent, a calm P4 is normal', () => {
    const zh = consoleLabels('zh');
    expect(zh.text.urgency[zh.urgency(92)]).toBe('特急');
    expect(zh.text.urgency[zh.urgency(0.5)]).toBe('一般');
  });

  it('the scan catches a raw code and an English word', () => {
    expect(rawWordsIn(['billing', 'Ctrl', 'Transfer', 'SLA'])).toEqual(['billing', 'Transfer']);
  });
});
