import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/domain/analysis.js';
import { firedRule, type RuleInput } from '../../src/dialogs/handoff-rules.js';
import type { HandoffRules } from '../../src/flows/flow.schema.js';

const rules: HandoffRules = {
  requestHuman: true,
  angerThreshold: 0.9,
  riskFlags: ['legal_threat', 'safety'],
  faqFailures: 2,
  stalledTurns: 3,
  highAmount: 5000,
  vipAccounts: ['13900000000'],
  humanOnly: false,
  essentials: ['event', 'contact_phone'],
  angerCollectTurns: 2,
};
const calm: Analysis = {
  lang: 'zh',
  emotion: 'neutral',
  intensity: 0,
  intent: 'complaint',
  intentConfidence: 0.9,
  category: 'billing',
  nature: 'effective',
  flags: [],
  slots: {},
  act: { kind: 'complaint' },
  empathy: { family: 'none' },
  urgency: { urgent: false },
  amounts: [],
  slotIssues: [],
};
const input = (change: Partial<RuleInput> = {}, analysis: Partial<Analysis> = {}): RuleInput => ({
  rules,
  analysis: { ...calm, ...analysis },
  slots: {},
  faqFailures: 0,
  stalled: 0,
  complaint: true,
  ...change,
});
const value = (v: string) => ({ value: v, raw: v, confidence: 1 });

describe('handoff rules', () => {
  it('fires nothing for a calm, ordinary complaint', () => {
    expect(firedRule(input())).toBeUndefined();
  });

  it.each([
    [input({}, { intent: 'request_human' }), 'request_human'],
    [input({}, { flags: ['compensation_demand', 'legal_threat'] }), 'risk_flag:legal_threat'],
    [input({}, { emotion: 'angry', intensity: 0.9 }), 'anger'],
    [input({ rules: { ...rules, humanOnly: true } }), 'human_only_category'],
    [input({ faqFailures: 2 }), 'faq_failed'],
    [input({ stalled: 3 }), 'collection_stalled'],
    [input({ verifiedCustomerId: '13900000000' }), 'vip'],
    [input({ slots: { amount: value('5000 CNY') } }), 'high_amount'],
  ])('fires %#: %s', (given, rule) => {
    expect(firedRule(given)).toBe(rule);
  });

  it('respects thresholds and switches', () => {
    expect(firedRule(input({}, { emotion: 'angry', intensity: 0.89 }))).toBeUndefined();
    expect(firedRule(input({}, { emotion: 'sad', intensity: 1 }))).toBeUndefined();
    expect(firedRule(input({}, { flags: ['compensation_demand'] }))).toBeUndefined();
    expect(firedRule(input({ slots: { amount: value('4999.99 CNY') } }))).toBeUndefined();
    expect(firedRule(input({ faqFailures: 1, stalled: 2 }))).toBeUndefined();
    // VIP only by a verified identity: the same number typed by the customer is a claim.
    const typed = { account: value('13900000000'), contact_phone: value('13900000000') };
    expect(firedRule(input({ slots: typed }))).toBeUndefined();
    const off = { ...rules, requestHuman: false };
    expect(firedRule(input({ rules: off }, { intent: 'request_human' }))).toBeUndefined();
    const humanOnly = { ...rules, humanOnly: true };
    expect(firedRule(input({ rules: humanOnly, complaint: false }))).toBeUndefined();
  });

  it('names the most urgent rule when several fire', () => {
    const many = input(
      { stalled: 5, slots: { amount: value('9000 CNY') } },
      { intent: 'request_human', flags: ['safety'], emotion: 'angry', intensity: 1 },
    );
    expect(firedRule(many)).toBe('request_human');
    expect(firedRule({ ...many, analysis: { ...many.analysis, intent: 'complaint' } })).toBe(
      'risk_flag:safety',
    );
  });
});
