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

export const SENDERS = ['bot', 'agent', 'system', 'customer'] as const;
export const Sender = z.enum(SENDERS);
export type Sender = z.infer<typeof Sender>;
