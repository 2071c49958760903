import type { Analysis, SlotValues } from '../domain/analysis.js';
import type { HandoffRules } from '../flows/flow.schema.js';

export interface RuleInput {
  rules: HandoffRules;
  analysis: Analysis;
  /** Slots known so far, this message's included. */
  slots: SlotValues;
  /** FAQ answers the customer has said did not help. */
  faqFailures: number;
  /** Collection turns in a row that added nothing. */
  stalled: number;
  /** Whether this message is about a complaint (human-only categories hand off only then). */
  complaint: boolean;
  /** The identity the channel verified, if any: the only thing VIP status is read from. */
  verifiedCustomerId?: string;
}

type Rule = (input: RuleInput) => string | undefined;

/** DESIGN §4's rules in priority order; the first that fires names the handoff. */
const RULES: readonly Rule[] = [
  ({ rules, analysis }) =>
    rules.requestHuman && analysis.intent === 'request_human' ? 'request_human' : undefined,
  ({ rules, analysis }) => {
    const flag = analysis.flags.find((f) => rules.riskFlags.includes(f));
    return flag ? `risk_flag:${flag}` : undefined;
  },
  ({ rules, analysis }) =>
    analysis.emotion === 'angry' && analysis.intensity >= rules.angerThreshold
      ? 'anger'
      : undefined,
  ({ rules, complaint }) => (rules.humanOnly && complaint ? 'human_only_category' : undefined),
  ({ rules, faqFailures }) => (faqFailures >= rules.faqFailures ? 'faq_failed' : undefined),
  ({ rules, stalled }) => (stalled >= rules.stalledTurns ? 'collection_stalled' : undefined),
  // A number the customer types (or "我是VIP") is a claim, not proof (DESIGN §11).
  ({ rules, verifiedCustomerId: id }) =>
    id !== undefined && rules.vipAccounts.includes(id) ? 'vip' : undefined,
  ({ rules, slots }) => {
    const amount = Number.parseFloat(slots.amount?.value ?? '');
    return Number.isFinite(amount) && amount >= rules.highAmount ? 'high_amount' : undefined;
  },
];

/** The first configured handoff rule this turn fires, if any. */
export function firedRule(input: RuleInput): string | undefined {
  for (const rule of RULES) {
    const fired = rule(input);
    if (fired) return fired;
  }
  return undefined;
}
