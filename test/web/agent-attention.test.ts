import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/domain/message.js';
import { slaLeftMs, slaTone } from '../../src/web/agent/ui/sla.js';
import { caseAfter, shortcutOf, type KeyPress } from '../../src/web/agent/ui/shortcuts.js';
import {
  afterCustomerMessage,
  attentionCount,
  readByCustomer,
  seen,
  titleWithCount,
} from '../../src/web/agent/ui/unread.js';

const press = (patch: Partial<KeyPress>): KeyPress => ({
  key: '',
  code: '',
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  isComposing: false,
  ...patch,
});

describe('SLA countdown colour', () => {
  const minutes = 60;
  it('is plain with a quarter or more left, amber under a quarter, red once due', () => {
    expect(slaTone(60 * 60_000, minutes)).toBe('ok');
    expect(slaTone(15 * 60_000, minutes)).toBe('ok');
    expect(slaTone(15 * 60_000 - 1, minutes)).toBe('low');
    expect(slaTone(1, minutes)).toBe('low');
    expect(slaTone(0, minutes)).toBe('breached');
    expect(slaTone(-5 * 60_000, minutes)).toBe('breached');
  });
  it('counts from the deadline, negative once past', () => {
    const now = Date.parse('2026-12-02T10:00:00.000Z');
    expect(slaLeftMs('2026-12-02T10:01:30.000Z', now)).toBe(90_000);
    expect(slaLeftMs('2026-12-02T09:59:00.000Z', now)).toBe(-60_000);
  });
});

describe('unread counting', () => {
  it('counts customer messages on a case the agent is not looking at, and clears when seen', () => {
    let unread = afterCustomerMessage({}, 'a', false);
    unread = afterCustomerMessage(unread, 'a', false);
    unread = afterCustomerMessage(unread, 'b', true);
    unread = afterCustomerMessage(unread, 'c', false);
    expect(unread).toEqual({ a: 2, c: 1 });
    expect(attentionCount(unread, 2)).toBe(5);
    unread = seen(unread, 'a');
    expect(unread).toEqual({ c: 1 });
    expect(seen(unread, 'zzz')).toBe(unread);
    expect(attentionCount({}, 0)).toBe(0);
  });
  it('puts the count before the title, none when nothing waits', () => {
    expect(titleWithCount('倾听 · 坐席工作台', 3)).toBe('(3) 倾听 · 坐席工作台');
    expect(titleWithCount('倾听 · 坐席工作台', 0)).toBe('倾听 · 坐席工作台');
  });
  it('calls an agent message read once the customer read one written at or after it', () => {
    const agent: Message = {
      id: 'm1',
      from: 'agent',
      text: '您好',
      at: '2026-12-02T10:00:00.000Z',
    };
    expect(readByCustomer(agent, undefined)).toBe(false);
    expect(readByCustomer(agent, '2026-12-02T09:59:59.999Z')).toBe(false);
    expect(readByCustomer(agent, '2026-12-02T10:00:00.000Z')).toBe(true);
    expect(readByCustomer({ ...agent, from: 'customer' }, '2026-12-02T11:00:00.000Z')).toBe(
      undefined,
    );
  });
});

describe('shortcut keys', () => {
  it('matches Alt shortcuts by physical key, from a text box too', () => {
    expect(shortcutOf(press({ altKey: true, code: 'ArrowDown', key: 'ArrowDown' }), true)).toBe(
      'nextCase',
    );
    expect(shortcutOf(press({ altKey: true, code: 'ArrowUp' }), false)).toBe('previousCase');
    // On a Mac Alt+C types ç: the code still says C.
    expect(shortcutOf(press({ altKey: true, code: 'KeyC', key: 'ç' }), false)).toBe('claim');
    expect(shortcutOf(press({ altKey: true, code: 'KeyN' }), true)).toBe('note');
    expect(shortcutOf(press({ altKey: true, code: 'KeyK' }), true)).toBe('closeCase');
    expect(shortcutOf(press({ altKey: true, code: 'KeyS' }), false)).toBe('search');
    expect(shortcutOf(press({ altKey: true, code: 'KeyR' }), false)).toBe('reply');
  });
  it('leaves alone what a text box types, other modifiers and IME composition', () => {
    expect(shortcutOf(press({ key: '?' }), false)).toBe('help');
    expect(shortcutOf(press({ key: '?', shiftKey: true }), false)).toBe('help');
    expect(shortcutOf(press({ key: '?' }), true)).toBeUndefined();
    expect(shortcutOf(press({ key: '/' }), false)).toBeUndefined();
    expect(shortcutOf(press({ key: 'c', code: 'KeyC' }), false)).toBeUndefined();
    expect(shortcutOf(press({ ctrlKey: true, altKey: true, code: 'KeyC' }), false)).toBeUndefined();
    expect(
      shortcutOf(press({ altKey: true, shiftKey: true, code: 'KeyC' }), false),
    ).toBeUndefined();
    expect(
      shortcutOf(press({ altKey: true, code: 'KeyC', isComposing: true }), true),
    ).toBeUndefined();
    expect(shortcutOf(press({ altKey: true, code: 'KeyZ' }), false)).toBeUndefined();
    expect(shortcutOf(press({ key: 'Escape' }), true)).toBe('escape');
  });
  it('goes round the open cases both ways', () => {
    const ids = ['a', 'b', 'c'];
    expect(caseAfter(ids, 'a', 1)).toBe('b');
    expect(caseAfter(ids, 'c', 1)).toBe('a');
    expect(caseAfter(ids, 'a', -1)).toBe('c');
    expect(caseAfter(ids, undefined, 1)).toBe('a');
    expect(caseAfter(ids, undefined, -1)).toBe('c');
    expect(caseAfter([], 'a', 1)).toBeUndefined();
  });
});
