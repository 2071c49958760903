import type { Analysis, CustomerAct, Urgency } from '../domain/analysis.js';
import type { CustomerActKind, EmpathyFamily, Intent } from '../domain/taxonomy.js';

/** The act an intent stands for when the understanding backend gives no act of its own. */
const ACT_OF_INTENT: Readonly<Record<Intent, CustomerActKind>> = {
  complaint: 'complaint',
  inquiry: 'faq_question',
  request_human: 'request_human',
  check_status: 'check_status',
  withdraw: 'withdraw',
  supplement: 'supplement',
  praise: 'praise',
  suggestion: 'suggestion',
  greeting: 'greeting',
  goodbye: 'goodbye',
  affirm: 'affirm',
  deny: 'deny',
  other: 'other',
};

/** Below this intensity a negative emotion gets no empathy wording of its own. */
const EMPATHY_FLOOR = 0.3;

/** A question inside a message ("…为什么多收钱?", "how do I…"). */
export const QUESTION_CUE =
  /[??]|吗|怎么|如何|为什么|为啥|能不能|是不是|\b(what|how|why|when|can|is there|do you)\b/i;

/** The message's dialogue act: the backend's reading in context, else the act its intent stands for. */
export function actOf(analysis: Analysis): CustomerAct {
  return analysis.act ?? { kind: ACT_OF_INTENT[analysis.intent] };
}

/**
 * The act of a message that arrives while a question is pending: a question carrying no element
 * ("怎么查询我的账单") is a question to answer, not the answer nor a new telling of the complaint.
 */
export function actWhilePending(analysis: Analysis, text: string): CustomerAct {
  const act = actOf(analysis);
  const elements = Object.keys(analysis.slots).filter((slot) => slot !== 'event');
  const asks = QUESTION_CUE.test(text) && elements.length === 0;
  return asks && (act.kind === 'complaint' || act.kind === 'other')
    ? { kind: 'faq_question' }
    : act;
}

/** The empathy family to answer with: the backend's reading, else one from the emotion (seed 000). */
export function familyOf(analysis: Analysis): EmpathyFamily {
  if (analysis.empathy) return analysis.empathy.family;
  const { emotion, intensity } = analysis;
  if (emotion === 'positive') return analysis.intent === 'praise' ? 'thank' : 'none';
  if (intensity < EMPATHY_FLOOR) return 'none';
  if (emotion === 'angry') return 'acknowledge_anger';
  if (emotion === 'anxious') return 'reassure_anxiety';
  if (emotion === 'sad') return 'take_seriously';
  return 'none';
}

/** The urgency reading; absent means the case can wait its turn. */
export function urgencyOf(analysis: Analysis): Urgency {
  return analysis.urgency ?? { urgent: false };
}
