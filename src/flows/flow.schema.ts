import { z } from 'zod';
import { Category, RiskFlag, SlotName, UrgencyCause, type Language } from '../domain/taxonomy.js';

const Wordings = z.array(z.string().trim().min(1)).min(1);
/** Several wordings per language so the bot does not sound robotic. */
export const LocalizedWordings = z.strictObject({ zh: Wordings, en: Wordings });
export type LocalizedWordings = z.infer<typeof LocalizedWordings>;

/** The time limits the bot may promise (DESIGN §1.5); nothing beyond them. */
export const Policy = z.strictObject({
  firstResponseHours: z.number().positive(),
  answerHours: z.number().positive(),
  closeDays: z.number().positive(),
  /** The call-back promised when a repeat complaint is escalated (earlier promises were not kept). */
  escalatedResponseHours: z.number().positive(),
});
export type Policy = z.infer<typeof Policy>;

/** Which handoff rules fire (DESIGN §4); evaluated by the dialogs every turn. */
export const HandoffRules = z.strictObject({
  requestHuman: z.boolean(),
  /** Anger at or above this intensity hands off; 1.01 disables it. */
  angerThreshold: z.number().min(0).max(1.01),
  riskFlags: z.array(RiskFlag),
  /** FAQ answers the customer said did not help, before handing off. */
  faqFailures: z.number().int().min(1),
  /** Collection turns in a row that added nothing, before handing off. */
  stalledTurns: z.number().int().min(1),
  /** An `amount` at or above this (in its own currency) hands off. */
  highAmount: z.number().positive(),
  /**
   * VIP customers by the identity their channel verified (a signed-in account, a platform id); never
   * matched against numbers the customer types.
   */
  vipAccounts: z.array(z.string()),
  /** The whole category is for humans only. */
  humanOnly: z.boolean(),
  /**
   * What an agent needs before anger alone hands the case over (seeds: calm first, then collect);
   * an explicit request, urgency or a risk flag hands over at once with these listed as missing.
   */
  essentials: z.array(SlotName),
  /** Turns spent calming and collecting the essentials before anger alone hands over (≤ 3). */
  angerCollectTurns: z.number().int().min(0).max(3),
});
export type HandoffRules = z.infer<typeof HandoffRules>;

export const Questions = z.partialRecord(SlotName, LocalizedWordings);
export type Questions = z.infer<typeof Questions>;

/** A situation within a cause ("被困电梯", "燃气") that has its own first step. */
export const UrgentCase = z.strictObject({
  /** Words in the message that mean this situation. */
  when: LocalizedWordings,
  zh: Wordings,
  en: Wordings,
});

/**
 * The first step an urgent cause gets at once ("请立即离开并拨打119"): the cause's own wording, or
 * that of the first `cases` situation the message names; `signs` are words that, while an urgent
 * case waits for a person, raise this cause too ("她有高血压" → the health step).
 */
export const UrgentStep = LocalizedWordings.extend({
  cases: z.array(UrgentCase).default([]),
  signs: LocalizedWordings.optional(),
});
export type UrgentStep = z.infer<typeof UrgentStep>;

export const UrgentSteps = z.partialRecord(UrgencyCause, UrgentStep);
export type UrgentSteps = z.infer<typeof UrgentSteps>;

/** Optional human-like pause before each bubble; all zero (off) unless configured. */
export const Pacing = z.strictObject({
  msPerChar: z.number().min(0).max(200),
  maxMs: z.number().int().min(0).max(10_000),
});
export type Pacing = z.infer<typeof Pacing>;

/** `config/flows/defaults.yaml`: what every category inherits. */
export const DefaultsFile = z.strictObject({
  policy: Policy,
  handoff: HandoffRules,
  questions: Questions,
  /** "I don't know" phrases that mark the slot just asked as unknown. */
  unknownPhrases: z.strictObject({ zh: Wordings, en: Wordings }),
  /**
   * How a yes to a yes-or-no question ("我理解得对吗?") begins ("对 这回对了", "好的谢谢", "yes that's
   * right"), and words that turn it into a no or a correction ("不对", "but").
   */
  assent: z
    .strictObject({ yes: LocalizedWordings, unless: LocalizedWordings })
    .default({ yes: { zh: ['对'], en: ['yes'] }, unless: { zh: ['不'], en: ['not'] } }),
  /** Words of a deed in praise ("帮", "修好", "fixed"), so the thanks names what the person did. */
  deedCues: LocalizedWordings.default({ zh: ['帮'], en: ['helped'] }),
  /** Why each element is asked, from the customer's side ("留个电话是为了…"), for a counter-question. */
  reasons: Questions.default({}),
  urgentSteps: UrgentSteps.default({}),
  pacing: Pacing.default({ msPerChar: 0, maxMs: 0 }),
});
export type DefaultsFile = z.infer<typeof DefaultsFile>;
export type Assent = DefaultsFile['assent'];

/** `config/flows/<category>.yaml`: one flow per category, overriding defaults where it says so. */
export const FlowFile = z
  .strictObject({
    category: Category,
    required: z.array(SlotName).min(1),
    optional: z.array(SlotName).default([]),
    products: z.array(z.string().trim().min(1)).default([]),
    policy: Policy.partial().optional(),
    handoff: HandoffRules.partial().optional(),
    questions: Questions.optional(),
    urgentSteps: UrgentSteps.optional(),
  })
  .superRefine((flow, ctx) => {
    flow.optional.forEach((slot, index) => {
      if (flow.required.includes(slot))
        ctx.addIssue({
          code: 'custom',
          path: ['optional', index],
          message: `${slot} is already required`,
        });
    });
  });
export type FlowFile = z.infer<typeof FlowFile>;

/** A category's flow with defaults applied: what the dialogs run. */
export interface Flow {
  category: Category;
  required: readonly z.infer<typeof SlotName>[];
  optional: readonly z.infer<typeof SlotName>[];
  products: readonly string[];
  policy: Policy;
  handoff: HandoffRules;
  questions: Questions;
  reasons: Questions;
  urgentSteps: UrgentSteps;
}

export interface FlowSet {
  /** The flow for a category; categories without a file use the `other` flow. */
  flowFor(category: Category): Flow;
  /** Every product word of every flow, for the understanding layer. */
  products: readonly string[];
  unknownPhrases: Readonly<Record<Language, readonly string[]>>;
  assent: Assent;
  deedCues: LocalizedWordings;
  pacing: Pacing;
}
