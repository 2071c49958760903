import type { CustomerAct, EmpathyReading, Urgency } from '../../domain/analysis.js';
import type { Category, Emotion, RiskFlag } from '../../domain/taxonomy.js';

export interface EmpathyInput {
  emotion: Emotion;
  intensity: number;
  act: CustomerAct;
  urgency: Urgency;
  flags: readonly RiskFlag[];
  category: Category;
}

/** Acts that thank us or give us something: 表扬客户型 when the customer is not upset. */
const THANKED: ReadonlySet<CustomerAct['kind']> = new Set(['praise', 'suggestion', 'thanks']);
const CAUSE_REASON: Readonly<Record<NonNullable<Urgency['cause']>, string>> = {
  fraud_in_progress: 'fraud in progress',
  safety: 'safety at risk',
  health: 'health at risk',
  minors: 'a child at risk',
  mass_outage: 'outage affecting many',
};
const FLAG_REASON: Partial<Record<RiskFlag, string>> = {
  repeat_complaint: 'has contacted us before',
  abusive_language: 'very upset',
  media_threat: 'threatens to go public',
  regulator_threat: 'threatens to escalate',
  legal_threat: 'threatens legal action',
};
const CATEGORY_REASON: Partial<Record<Category, string>> = {
  billing: 'unexpected charge',
  unauthorized_service: 'service added without consent',
  product_quality: 'faulty product',
  service_attitude: 'treated badly by staff',
  service_quality: 'poor service',
  delivery: 'delivery problem',
  network: 'service outage',
  refund_claim: 'refund or claim refused',
  privacy_security: 'privacy or security worry',
  emergency: 'emergency',
};

/** Short, in our words, never the customer's: the dialog and the agent read it. */
function reasonOf(input: EmpathyInput, fallback: string): string {
  if (input.urgency.cause !== undefined) return CAUSE_REASON[input.urgency.cause];
  const flag = input.flags.find((f) => FLAG_REASON[f] !== undefined);
  if (flag !== undefined) return FLAG_REASON[flag] ?? fallback;
  return CATEGORY_REASON[input.category] ?? fallback;
}

/**
 * The empathy family a reply should use (seed 000): anger is acknowledged, anxiety (and any urgent
 * case) reassured with the first step, disappointment taken seriously, praise and courtesy thanked;
 * a calm customer gets none, so no "请您息怒" for a polite question.
 */
export function empathyFor(input: EmpathyInput): EmpathyReading {
  const { emotion, act } = input;
  if (input.urgency.urgent || emotion === 'anxious') {
    return { family: 'reassure_anxiety', reason: reasonOf(input, 'worried') };
  }
  if (emotion === 'angry') return { family: 'acknowledge_anger', reason: reasonOf(input, 'upset') };
  if (emotion === 'sad')
    return { family: 'take_seriously', reason: reasonOf(input, 'disappointed') };
  if (THANKED.has(act.kind) && (emotion === 'positive' || act.kind === 'suggestion')) {
    return {
      family: 'thank',
      reason:
        act.kind === 'suggestion' ? 'suggestion' : act.kind === 'praise' ? 'praise' : 'courtesy',
    };
  }
  return { family: 'none' };
}
