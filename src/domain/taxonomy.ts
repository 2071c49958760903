import { z } from 'zod';

/** The taxonomies of DESIGN §2–§3: the contract between understanding, dialogs, handoff and analytics. */

export const EMOTIONS = ['neutral', 'positive', 'anxious', 'sad', 'angry'] as const;
export const Emotion = z.enum(EMOTIONS);
export type Emotion = z.infer<typeof Emotion>;

export const INTENTS = [
  'complaint',
  'inquiry',
  'request_human',
  'check_status',
  'withdraw',
  'supplement',
  'praise',
  'suggestion',
  'greeting',
  'goodbye',
  'affirm',
  'deny',
  'other',
] as const;
export const Intent = z.enum(INTENTS);
export type Intent = z.infer<typeof Intent>;

export const CATEGORIES = [
  'billing',
  'unauthorized_service',
  'product_quality',
  'service_attitude',
  'service_quality',
  'delivery',
  'network',
  'refund_claim',
  'privacy_security',
  'emergency',
  'other',
] as const;
export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

export const NATURES = ['effective', 'communicative'] as const;
export const Nature = z.enum(NATURES);
export type Nature = z.infer<typeof Nature>;

export const RISK_FLAGS = [
  'regulator_threat',
  'media_threat',
  'legal_threat',
  'compensation_demand',
  'repeat_complaint',
  'safety',
  'abusive_language',
  'suspected_fraud',
] as const;
export const RiskFlag = z.enum(RISK_FLAGS);
export type RiskFlag = z.infer<typeof RiskFlag>;

export const SLOT_NAMES = [
  'event',
  'product',
  'account',
  'time',
  'place',
  'people',
  'amount',
  'demand',
  'contact_name',
  'contact_phone',
  'contact_time',
] as const;
export const SlotName = z.enum(SLOT_NAMES);
export type SlotName = z.infer<typeof SlotName>;

export const LANGUAGES = ['zh', 'en'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

/** Dialog acts carried in `meta.act` of every bot message (DESIGN §6). */
export const DIALOG_ACTS = [
  'empathize',
  'ask',
  'confirm',
  'answer',
  'ticket',
  'handoff',
  'inform',
  'survey',
  'close',
] as const;
export const DialogAct = z.enum(DIALOG_ACTS);
export type DialogAct = z.infer<typeof DialogAct>;

/**
 * What a customer message *is* in its context (the pending question, the conversation so far):
 * the dialogue act the dialogs act on. `answer` fills the pending slot only when the value fits
 * that slot's type; an answer for a different element is `answer_other`.
 */
export const CUSTOMER_ACTS = [
  'complaint', // a new complaint, or the first telling of one
  'second_complaint', // a further, different complaint while one is open
  'answer', // answers the pending question (act.slot is the pending slot)
  'answer_other', // gives an element that is not the one asked (act.slot names it)
  'correction', // "不是…是…", "说错了", "actually it was…" (act.slot, act.value)
  'question_back', // "你问这个干嘛", "why do you need my number?"
  'faq_question', // a knowledge-base type question, e.g. mid-complaint
  'time_question', // "到底要等多久?", "how long will it take?"
  'already_said', // "前面不是说了吗", "told you already"
  'unknown_answer', // "不清楚", "I don't remember"
  'check_status', // progress of an existing ticket
  'withdraw', // "算了不投诉了", "那个单子撤了吧"
  'supplement', // adds to an existing ticket
  'praise', // thanks / commendation of a person or service
  'venting', // "我就吐槽两句,不用处理": wants to be heard, not a ticket
  'suggestion',
  'request_human',
  'affirm',
  'deny',
  'greeting',
  'thanks', // a courteous closing "谢谢"/"OK, thanks" (not praise of someone)
  'goodbye',
  'other',
] as const;
export const CustomerActKind = z.enum(CUSTOMER_ACTS);
export type CustomerActKind = z.infer<typeof CustomerActKind>;

/** The empathy script family a reply should use (seed 000), chosen from the emotion and its reason. */
export const EMPATHY_FAMILIES = [
  'none', // calm, neutral: no empathy wording at all
  'acknowledge_anger', // 感同身受: angry
  'reassure_anxiety', // 请您别着急 + the first step: anxious (fraud, trapped relative…)
  'take_seriously', // 被重视: disappointed, sad
  'thank', // 表扬客户型: praise, suggestions, courteous feedback
] as const;
export const EmpathyFamily = z.enum(EMPATHY_FAMILIES);
export type EmpathyFamily = z.infer<typeof EmpathyFamily>;

/** Why a case cannot wait (DESIGN §1.7 及时申报). */
export const URGENCY_CAUSES = [
  'fraud_in_progress',
  'safety', // fire, gas, electrical, trapped in a lift, violence
  'health', // injury, illness, medical need
  'minors', // a child at risk
  'mass_outage',
] as const;
export const UrgencyCause = z.enum(URGENCY_CAUSES);
export type UrgencyCause = z.infer<typeof UrgencyCause>;

/** The role an amount plays in the complaint: "月租39,这个月扣了67.8" → 39 expected, 67.8 charged, 28.8 overcharged. */
export const AMOUNT_ROLES = [
  'charged',
  'expected',
  'overcharged',
  'claimed',
  'paid',
  'other',
] as const;
export const AmountRole = z.enum(AMOUNT_ROLES);
export type AmountRole = z.infer<typeof AmountRole>;

/** A value the customer gave that has the shape of an element but is malformed, so the dialog can say precisely what is wrong. */
export const SLOT_PROBLEMS = [
  'phone_too_short',
  'phone_too_long',
  'phone_invalid',
  'date_in_future',
  'ambiguous',
] as const;
export const SlotProblem = z.enum(SLOT_PROBLEMS);
export type SlotProblem = z.infer<typeof SlotProblem>;

export const SENDERS = ['bot', 'agent', 'system', 'customer'] as const;
export const Sender = z.enum(SENDERS);
export type Sender = z.infer<typeof Sender>;
