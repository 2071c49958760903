import { describe, expect, it } from 'vitest';
import { CATEGORIES, EMOTIONS, RISK_FLAGS } from '../../src/domain/taxonomy.js';
import { DICTIONARIES, labelsFor } from '../../src/web/admin/i18n/labels.js';

const SEP = ' › ';

/** Every key path of a dictionary, e.g. `kpi › csat`, `weekdays › 3` (keys may hold dots: `agent.create`). */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) =>
    keys(child, prefix ? `${prefix}${SEP}${key}` : key),
  );
}

describe('dashboard dictionaries', () => {
  it('have the same keys in zh and en, none empty', () => {
    expect(keys(DICTIONARIES.zh).sort()).toEqual(keys(DICTIONARIES.en).sort());
    for (const dictionary of Object.values(DICTIONARIES))
      for (const path of keys(dictionary)) {
        const value = path
          .split(SEP)
          .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], dictionary);
        expect(value, path).not.toBe('');
      }
  });

  it('use full-width punctuation in Chinese text', () => {
    const values = (value: unknown): string[] =>
      typeof value === 'string'
        ? [value]
        : typeof value === 'object' && value !== null
          ? Object.values(value).flatMap(values)
          : [];
    const halfWidth = values(DICTIONARIES.zh).filter(
      (text) => /\p{Script=Han}/u.test(text) && /[(),:;!?]/.test(text),
    );
    expect(halfWidth).toEqual([]);
  });

  it('say every code in Chinese without the code itself', () => {
    const zh = labelsFor('zh');
    const shown = [
      ...CATEGORIES.map((c) => [c, zh.category(c)]),
      ...EMOTIONS.map((e) => [e, zh.emotion(e)]),
      ...RISK_FLAGS.map((f) => [f, zh.rule(`risk_flag:${f}`)]),
      ...[
        'request_human',
        'anger',
        'faq_failed',
        'collection_stalled',
        'vip',
        'high_amount',
        'human_only_category',
      ].map((r) => [r, zh.rule(r)]),
    ];
    for (const [code, label] of shown) {
      expect(label).not.toContain(code);
      expect(label).toMatch(/\p{Script=Han}/u);
    }
  });

  it('formats durations and shares readably', () => {
    const zh = labelsFor('zh');
    expect(zh.duration(45)).toBe('45 秒');
    expect(zh.duration(720)).toBe('12 分钟');
    expect(zh.duration(7200)).toBe('2 小时');
    expect(zh.duration(null)).toBe('—');
    expect(labelsFor('en').percent(0.5)).toBe('50%');
  });
});
