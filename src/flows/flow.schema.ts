import { z } from 'zod';
import { Category, RiskFlag, SlotName, type Language } from '../domain/taxonomy.js';

const Wordings = z.array(z.string().trim().min(1)).min(1);
/** Several wordings per language so the bot does not sound robotic. */
export const LocalizedWordings = z.strictObject({ zh: Wordings, en: Wordings });
export type LocalizedWordings = z.infer<typeof LocalizedWordings>;

/** The time limits the bot may promise (DESIGN §1.5); nothing beyond them. */
export const Policy = z.strictObject({
  firstResponseHours: z.number().positive(),
  answerHours: z.number().positive(),
  closeDays: z.number().positive(),
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
});
export type HandoffRules = z.infer<typeof HandoffRules>;

export const Questions = z.partialRecord(SlotName, LocalizedWordings);
export type Questions = z.infer<typeof Questions>;

/** `config/flows/defaults.yaml`: what every category inherits. */
export const DefaultsFile = z.strictObject({
  policy: Policy,
  handoff: HandoffRules,
  questions: Questions,
  /** "I don't know" phrases that mark the slot just asked as unknown. */
  unknownPhrases: z.strictObject({ zh: Wordings, en: Wordings }),
});
export type DefaultsFile = z.infer<typeof DefaultsFile>;

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
}

export interface FlowSet {
  /** The flow for a category; categories without a file use the `other` flow. */
  flowFor(category: Category): Flow;
  /** Every product word of every flow, for the understanding layer. */
  products: readonly string[];
  unknownPhrases: Readonly<Record<Language, readonly string[]>>;
}
