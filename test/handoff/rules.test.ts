import { describe, expect, it } from 'vitest';
import { BusinessHours } from '../../src/handoff/business-hours.js';
import { parseSurvey } from '../../src/handoff/customer-text.js';
import { boostOf, priorityOf } from '../../src/handoff/priority.js';
import { estimateWaitSeconds } from '../../src/handoff/queue-positions.js';
import { NAUGHTY_STRINGS } from '../fixtures/naughty-strings.js';
import { summaryFor } from './fixtures.js';

describe('business hours', () => {
  const hours = new BusinessHours('mon-fri 09:00-18:00', 'Asia/Shanghai');
  it('is open on a weekday afternoon in Shanghai and closed at night and at weekends', () => {
    expect(hours.isOpen(new Date('2026-11-25T06:00:00Z'))).toBe(true); // Wed 14:00 CST
    expect(hours.isOpen(new Date('2026-11-25T12:00:00Z'))).toBe(false); // Wed 20:00 CST
    expect(hours.isOpen(new Date('2026-11-28T03:00:00Z'))).toBe(false); // Sat 11:00 CST
  });
  it('names the next opening: tomorrow morning, or Monday after a Friday evening', () => {
    expect(hours.nextOpening(new Date('2026-11-25T12:00:00Z')).toISOString()).toBe(
      '2026-11-26T01:00:00.000Z',
    );
    expect(hours.nextOpening(new Date('2026-11-27T11:00:00Z')).toISOString()).toBe(
      '2026-11-30T01:00:00.000Z',
    );
    const open = new Date('2026-11-25T06:30:10Z');
    expect(hours.nextOpening(open)).toEqual(open);
  });
  it('wraps day ranges over the week end', () => {
    const weekend = new BusinessHours('sat-sun 10:00-12:00', 'Asia/Shanghai');
    expect(weekend.isOpen(new Date('2026-11-29T03:00:00Z'))).toBe(true); // Sun 11:00
    expect(weekend.isOpen(new Date('2026-11-25T03:00:00Z'))).toBe(false); // Wed 11:00
  });
});

describe('priority and waiting estimate', () => {
  it('puts severity, anger and escalating flags ahead, and lets waiting time catch up', () => {
    const calm = boostOf(summaryFor({ conversationId: 'a', severity: 'P4', emotion: 'neutral' }));
    const furious = boostOf(
      summaryFor({ conversationId: 'b', severity: 'P2', emotion: 'angry', intensity: 1 }),
    );
    const legal = boostOf(
      summaryFor({ conversationId: 'c', severity: 'P1', flags: ['legal_threat'] }),
    );
    expect(calm).toBe(0);
    expect(furious).toBeGreaterThan(calm);
    expect(legal).toBeGreaterThan(furious);
    const now = new Date('2026-11-25T10:00:00Z');
    const waitedLong = { enqueuedAt: '2026-11-25T08:00:00Z', boost: calm };
    const justNow = { enqueuedAt: '2026-11-25T10:00:00Z', boost: furious };
    expect(priorityOf(waitedLong, now)).toBeGreaterThan(priorityOf(justNow, now));
  });
  it('estimates the wait from recent handling times shared by online agents', () => {
    expect(estimateWaitSeconds(3, [100, 200, 300], 2)).toBe(300);
    expect(estimateWaitSeconds(1, [], 0)).toBe(300);
  });
});

describe('survey answers', () => {
  it.each([
    ['5', { rating: 5 }],
    ['4 分,还行', { rating: 4, comment: '还行' }],
    ['五星 非常好', { rating: 5, comment: '非常好' }],
    ['3 stars - slow but fine', { rating: 3, comment: 'slow but fine' }],
  ])('reads %j', (text, expected) => {
    expect(parseSurvey(text)).toEqual(expected);
  });
  it.each(['15 天了还没好', '0', '6', '不满意', ''])('does not read %j as a rating', (text) => {
    expect(parseSurvey(text)).toBeUndefined();
  });
  it('never throws on hostile text', () => {
    for (const text of NAUGHTY_STRINGS) expect(() => parseSurvey(text)).not.toThrow();
  });
});
