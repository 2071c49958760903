import { describe, expect, it } from 'vitest';
import type { CannedResponse } from '../../src/handoff/canned-response.js';
import { fillPlaceholders, matchCanned, shortcutTyped } from '../../src/web/agent/ui/canned.js';

const response = (shortcut: string, title: string, text: string): CannedResponse => ({
  id: shortcut,
  lang: 'zh',
  shortcut,
  title,
  text,
  tags: [],
  updatedBy: 'admin',
  updatedAt: '2026-12-02T00:00:00.000Z',
});

describe('canned responses in the composer', () => {
  it('opens only while the whole draft is one /shortcut', () => {
    expect(shortcutTyped('/')).toBe('');
    expect(shortcutTyped('/Ref')).toBe('ref');
    expect(shortcutTyped('看 /ref')).toBeUndefined();
    expect(shortcutTyped('/ref 后面')).toBeUndefined();
    expect(shortcutTyped('')).toBeUndefined();
  });

  it('matches shortcut first, then title or text', () => {
    const all = [
      response('/wait', '请稍等', '我正在核实退款记录。'),
      response('/refund', '退款进度', '退款已提交。'),
      response('/sorry', '致歉', '非常抱歉。'),
    ];
    expect(matchCanned(all, 'ref').map((r) => r.shortcut)).toEqual(['/refund']);
    expect(matchCanned(all, '退款').map((r) => r.shortcut)).toEqual(['/wait', '/refund']);
    expect(matchCanned(all, '').length).toBe(3);
    expect(matchCanned(all, '没有')).toEqual([]);
  });

  it('fills {ticketId} and {name}, every time they occur, and leaves other braces', () => {
    expect(
      fillPlaceholders('{name}您好，{ticketId}；{name}，{other}', {
        ticketId: 'Q1',
        name: '王女士',
      }),
    ).toBe('王女士您好，Q1；王女士，{other}');
  });
});
