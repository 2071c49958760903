import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isSupportedCountry } from 'libphonenumber-js';
import { z } from 'zod';
import { CATEGORIES, INTENTS, RISK_FLAGS } from '../domain/taxonomy.js';
import { loadUrgencyCues, type UrgencyCues } from './rules/urgency-config.js';

/** The shipped data folder; `src/understanding` and `dist/understanding` both sit two levels below the root. */
export const DEFAULT_UNDERSTANDING_DIR = fileURLToPath(
  new URL('../../config/understanding', import.meta.url),
);

const Weights = z.record(z.string().min(1), z.number());
const CueList = z.array(z.string().min(1));
const BiCues = z.object({ zh: CueList.default([]), en: CueList.default([]) });

/** Emotion lexicon of one language: weighted entries per non-neutral emotion. */
export const EmotionLexicon = z
  .object({
    angry: Weights.default({}),
    sad: Weights.default({}),
    anxious: Weights.default({}),
    positive: Weights.default({}),
  })
  .superRefine((lexicon, ctx) => {
    // One emotion per entry: the index keeps one, so a word listed twice would lose one silently.
    const seen = new Map<string, string>();
    for (const [emotion, weights] of Object.entries(lexicon)) {
      for (const word of Object.keys(weights)) {
        const key = word.normalize('NFKC').toLowerCase();
        const other = seen.get(key);
        if (other !== undefined && other !== emotion)
          ctx.addIssue({
            code: 'custom',
            path: [emotion, word],
            message: `"${word}" is already listed under ${other}`,
          });
        seen.set(key, emotion);
      }
    }
  });
export type EmotionLexicon = z.infer<typeof EmotionLexicon>;

/** Modifier words: negation flips or cancels the next entry, degree words scale it. */
export const Modifiers = z.object({
  negation: CueList,
  degree: Weights,
  /** Words after which a following clause dominates ("但是", "but"). */
  contrast: CueList.default([]),
  /** Negations that assert in a clause ending in 吗/嘛 ("这不是坑人吗" is 坑人): no negation there. */
  rhetorical: CueList.default([]),
});
export type Modifiers = z.infer<typeof Modifiers>;

export const EmotionSettings = z.object({
  zh: Modifiers,
  en: Modifiers,
  /** Score under which a message is neutral. */
  neutralThreshold: z.number().positive(),
  /**
   * Anger must reach this score to be read as anger (tuned by k-fold on the corpus, npm run eval
   * corpus): a mild "有点慢" from a polite customer is not anger, and "请您息怒" would insult them.
   */
  angryThreshold: z.number().positive().default(0.6),
  /** Anger evidence per escalating flag (threats, repeat contact, abuse): tuned by k-fold like the thresholds. */
  flagAnger: z.number().min(0).default(0),
  /** What a negated positive entry becomes, as a share of its weight per emotion. */
  negatedPositive: z.partialRecord(z.enum(['angry', 'sad', 'anxious']), z.number()),
  /** Positive evidence counts less than negative (negativity bias: a missed unhappy customer costs more). */
  positiveWeight: z.number().positive().max(1).default(1),
  /** Share of a negated negative entry's weight that survives. */
  negatedNegative: z.number().min(0).max(1),
  /** Praise said to a complaint desk about the grievance itself is sarcasm (emotion/irony.ts). */
  irony: z
    .object({
      /** Ironic on their own ("呵呵", "我谢谢你们", "thanks for nothing"). */
      sneers: BiCues,
      /** Praise that is ironic only next to a grievance ("真行", "brilliant", 👍). */
      praise: BiCues,
      /** What went wrong ("又", "没", "still", "cut me off"). */
      grievance: BiCues,
      /** Anger evidence sarcasm adds, on top of the praise it turns into anger. */
      anger: z.number().min(0),
    })
    .default({
      sneers: { zh: [], en: [] },
      praise: { zh: [], en: [] },
      grievance: { zh: [], en: [] },
      anger: 0,
    }),
});
export type EmotionSettings = z.infer<typeof EmotionSettings>;

export const IntentRule = z.object({
  intent: z.enum(INTENTS),
  cues: BiCues,
  weight: z.number().positive().default(1),
  /** Only when the whole message is short (greetings, yes/no). */
  maxChars: z.number().int().positive().optional(),
  /** A cue right after a negator does not count ("不对" is no "对", "not right" no "right"). */
  negatable: z.boolean().default(false),
});
export const IntentRules = z.object({
  rules: z.array(IntentRule),
  /** Words that cancel a following cue of a `negatable` rule. */
  negators: BiCues.default({ zh: [], en: [] }),
  /** Openers of a correction ("不对,是前天", "no, the 14th"): with a new value the turn is a supplement. */
  correctionOpeners: BiCues.default({ zh: [], en: [] }),
});
export type IntentRules = z.infer<typeof IntentRules>;

export const CategoryRules = z.object({
  rules: z.array(
    z.object({ category: z.enum(CATEGORIES), cues: BiCues, weight: z.number().default(1) }),
  ),
  /** Categories where the company may be at fault: a complaint about them is `effective`. */
  effective: z.array(z.enum(CATEGORIES)),
});
export type CategoryRules = z.infer<typeof CategoryRules>;

/** A regular expression from a data file: compiled at load, so a broken one fails start-up. */
const Pattern = z.string().refine(
  (source) => {
    try {
      new RegExp(source, 'iu');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid regular expression' },
);

export const FlagRules = z.object({
  rules: z.array(z.object({ flag: z.enum(RISK_FLAGS), cues: BiCues })),
  /** A platform name (微博, X, Google 评论) within `window` characters of a posting verb is a media threat. */
  platformThreats: z.object({
    platforms: BiCues,
    verbs: BiCues,
    window: z.number().int().positive(),
  }),
  /** Patterns for what cue lists cannot say ("第四回找你们", "called you three times"); always counted. */
  patterns: z
    .array(z.object({ flag: z.enum(RISK_FLAGS), zh: z.array(Pattern), en: z.array(Pattern) }))
    .default([]),
});
export type FlagRules = z.infer<typeof FlagRules>;

const PhoneRegion = z
  .string()
  .refine(isSupportedCountry, { message: 'not a region libphonenumber knows (e.g. CN, GB, US)' });

export const SlotVocabulary = z.object({
  products: BiCues,
  cities: BiCues,
  channels: BiCues,
  placeSuffixes: BiCues,
  demands: z.record(z.string(), BiCues),
  correction: BiCues,
  contact: BiCues,
  /** Common Chinese surnames as one string, for "张经理"-style mentions. */
  surnames: z.string().min(1),
  /** Default region of a phone written without +country code, per conversation language (ISO 3166 alpha-2). */
  phoneRegions: z.object({ zh: PhoneRegion, en: PhoneRegion }).default({ zh: 'CN', en: 'GB' }),
  /**
   * Region of an English conversation's phones by its time zone (IANA name or area prefix such as
   * "Australia/"): a Sydney customer's "(02) 9374 4000" is Australian. Falls back to `phoneRegions`.
   */
  timeZoneRegions: z.record(z.string().min(1), PhoneRegion).default({}),
  /** Currency of a bare number given as an amount ("67.8"), per conversation language. */
  defaultCurrency: z
    .object({ zh: z.string().regex(/^[A-Z]{3}$/), en: z.string().regex(/^[A-Z]{3}$/) })
    .default({ zh: 'CNY', en: 'GBP' }),
});
export type SlotVocabulary = z.infer<typeof SlotVocabulary>;

/** Cue lists of the dialogue acts that intents alone do not tell apart (acts.json). */
export const ActCues = z.object({
  alreadySaid: BiCues,
  questionBack: BiCues,
  timeQuestion: BiCues,
  venting: BiCues,
  thanks: BiCues,
  unknown: BiCues,
  correction: BiCues,
  secondComplaint: BiCues,
  /** Contrast words after which praise turns into a complaint ("服务很好,但是…"). */
  notPraise: BiCues,
  /** Asking how an existing case stands ("有人跟进吗", "where is my refund"), whatever else is said. */
  status: BiCues,
  /** Chasing ("帮我催一下", "chase it up"): a status request only when a case of ours exists or is named. */
  chase: BiCues,
  /** Naming a case filed with us ("我的投诉", "工单", "the fault I reported"). */
  ourCase: BiCues,
  /** Asking for something to be done ("麻烦安排", "could you"): a pleased tone then is courtesy, not praise. */
  request: BiCues,
  /** The problem went away ("钱已经退回来了", "the parcel turned up"): a "no need" is a withdrawal. */
  resolved: BiCues,
  /** Leaving words ("再见", "bye"): a "谢谢，再见" closes the chat, a "好的谢谢" at a read-back does not. */
  farewell: BiCues,
  /** Assent inside a longer reply ("yes, file it please", "那还是帮我记一下吧"): a yes at the read-back. */
  assent: BiCues,
});
export type ActCues = z.infer<typeof ActCues>;

/** Everything the offline backend reads from its data folder, validated once at start-up. */
export interface UnderstandingConfig {
  lexicon: { zh: EmotionLexicon; en: EmotionLexicon; emoji: EmotionLexicon };
  emotion: EmotionSettings;
  intents: IntentRules;
  categories: CategoryRules;
  flags: FlagRules;
  slots: SlotVocabulary;
  acts: ActCues;
  urgency: UrgencyCues;
}

function readJson<T>(dir: string, file: string, schema: z.ZodType<T>): T {
  const path = join(dir, file);
  const parsed = schema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** Loads and validates the data files; a bad file fails start-up with its path and the offending field. */
export function loadUnderstandingConfig(
  dir: string = DEFAULT_UNDERSTANDING_DIR,
  industries?: readonly string[],
): UnderstandingConfig {
  return {
    lexicon: {
      zh: readJson(dir, 'emotion-lexicon.zh.json', EmotionLexicon),
      en: readJson(dir, 'emotion-lexicon.en.json', EmotionLexicon),
      emoji: readJson(dir, 'emotion-lexicon.emoji.json', EmotionLexicon),
    },
    emotion: readJson(dir, 'emotion-settings.json', EmotionSettings),
    intents: readJson(dir, 'intents.json', IntentRules),
    categories: readJson(dir, 'categories.json', CategoryRules),
    flags: readJson(dir, 'flags.json', FlagRules),
    slots: readJson(dir, 'slot-vocabulary.json', SlotVocabulary),
    acts: readJson(dir, 'acts.json', ActCues),
    urgency: loadUrgencyCues(join(dir, 'urgency'), industries),
  };
}
