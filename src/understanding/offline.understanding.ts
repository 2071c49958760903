import type { Analysis, SlotValues, Urgency } from '../domain/analysis.js';
import type { Emotion, Intent, Language, RiskFlag } from '../domain/taxonomy.js';
import { CueIndex } from './cue-index.js';
import { detectLanguage, normalizeText } from './language.js';
import { IronyReader } from './emotion/irony.js';
import { LexiconEmotion, type LexiconReading } from './emotion/lexicon-emotion.js';
import { trajectory } from './emotion/trajectory.js';
import { EmotionModel } from './model/emotion-model.js';
import { CategoryClassifier } from './rules/category.rule.js';
import { FlagDetector } from './rules/flags.rule.js';
import { IntentClassifier } from './rules/intent.rule.js';
import { eventPhrase } from './slots/event.slot.js';
import { SlotExtractorSet } from './slots/slot-extractor.js';
import { DialogueActReader } from './acts/dialogue-act.js';
import { empathyFor } from './emotion/empathy.js';
import { UrgencyDetector } from './rules/urgency.rule.js';
import { urgentCategory } from './rules/urgent-category.js';
import { isValidTimeZone } from '../domain/wall-clock.js';
import type { AnalysisContext, Understanding } from './understanding.port.js';
import { loadUnderstandingConfig, type UnderstandingConfig } from './understanding-config.js';
import { neutralAnalysis } from '../domain/analysis.js';

export interface OfflineUnderstandingOptions {
  /** Folder with the lexicons, cue lists and vocabularies; defaults to the shipped `config/understanding`. */
  configDir?: string;
  /** Folder of a model written by `qingting train emotion` (env EMOTION_MODEL_DIR), combined with the lexicon. */
  modelDir?: string;
  /** An already loaded model (takes precedence over `modelDir`). */
  model?: EmotionModel;
  /** Extra product names every conversation may mention, on top of `context.products`. */
  products?: readonly string[];
  /** Longest text analysed for emotion, intent and flags (linear scans); the rest is ignored. */
  maxChars?: number;
  /** Longest prefix slots are extracted from (dates and numbers cost the most): a huge message cannot stall a turn. */
  slotMaxChars?: number;
  /** Urgency cue files to use (config/understanding/urgency/<industry>.yaml); default all of them. */
  industries?: readonly string[];
}

const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
const DEFAULT_MAX_CHARS = 4000;
const DEFAULT_SLOT_MAX_CHARS = 600;
const EVENT_MAX_CHARS = 120;
/** Flags that are anger even without an angry word: threats, repeat contact, abuse. */
const ANGER_FLAGS: ReadonlySet<RiskFlag> = new Set([
  'regulator_threat',
  'media_threat',
  'legal_threat',
  'repeat_complaint',
  'abusive_language',
]);
/** An urgent case reads as very anxious (the corpus' "high"): reassurance and the first step at once. */
const URGENT_INTENSITY = 0.8;
/**
 * Flags that add anger evidence (`flagAnger`): a legal threat does not, since it goes to a person
 * at once and a calmly stated one is more often a formal notice than temper.
 */
const ANGER_EVIDENCE: ReadonlySet<RiskFlag> = new Set(
  [...ANGER_FLAGS].filter((f) => f !== 'legal_threat'),
);
const COMPLAINING: ReadonlySet<Intent> = new Set(['complaint', 'supplement', 'request_human']);
/** Intents a correction opener with a new value overrides: a bare rejection, assent or nothing. */
const CORRECTABLE: ReadonlySet<Intent> = new Set(['deny', 'affirm', 'other']);

/** The offline backend: lexicons, rules and extractors, plus an optional trained emotion model. Never throws. */
export class OfflineUnderstanding implements Understanding {
  private readonly lexicon: LexiconEmotion;
  private readonly intents: IntentClassifier;
  private readonly categories: CategoryClassifier;
  private readonly flags: FlagDetector;
  private readonly slots: SlotExtractorSet;
  private readonly acts: DialogueActReader;
  private readonly urgency: UrgencyDetector;
  private readonly flagAnger: number;
  private readonly irony: IronyReader;

  constructor(
    config: UnderstandingConfig,
    private readonly options: Omit<OfflineUnderstandingOptions, 'configDir' | 'modelDir'> = {},
  ) {
    // Every cue list in one trie: a turn walks its text once for all of them.
    const cues = new CueIndex();
    this.lexicon = new LexiconEmotion(config.lexicon, config.emotion);
    this.intents = new IntentClassifier(config.intents, cues);
    this.categories = new CategoryClassifier(config.categories, cues);
    this.flags = new FlagDetector(config.flags, cues);
    this.slots = new SlotExtractorSet(
      config.slots,
      {
        phoneRegions: config.slots.phoneRegions,
        timeZoneRegions: config.slots.timeZoneRegions,
      },
      cues,
    );
    this.acts = new DialogueActReader(config.acts, config.slots.defaultCurrency, cues);
    this.urgency = new UrgencyDetector(config.urgency, cues);
    this.flagAnger = config.emotion.flagAnger;
    this.irony = new IronyReader(config.emotion.irony, cues);
  }

  analyze(text: string, context: AnalysisContext): Promise<Analysis> {
    try {
      return Promise.resolve(this.analyzeSync(text, context));
    } catch {
      // Understanding must never break a turn: an unreadable message is a neutral "other".
      return Promise.resolve(neutralAnalysis(context.lang ?? 'zh'));
    }
  }

  /** The same analysis, synchronously, for batch use (CLI, eval, bench). */
  analyzeSync(input: string, context: AnalysisContext): Analysis {
    const text = normalizeText(String(input).slice(0, this.options.maxChars ?? DEFAULT_MAX_CHARS));
    // Curly apostrophes ("don’t") read like straight ones in every cue list.
    const lower = text.toLowerCase().replace(/[‘’]/g, "'");
    const lang = detectLanguage(text, context.lang);
    const earlier = context.history
      .filter((t) => t.from === 'customer')
      .map((t) => t.text.toLowerCase());
    const urgency = this.urgency.detect(lower, lang);
    const said = this.flags.detect({ lower, earlierCustomerTurns: earlier, complaining: true });
    const { emotion, intensity } = this.emotionOf(text, lang, context, said, urgency);
    const read = this.intents.classify(lower, lang, emotion);
    const timeZone =
      context.timeZone !== undefined && isValidTimeZone(context.timeZone)
        ? context.timeZone
        : DEFAULT_TIME_ZONE;
    const products = [...(context.products ?? []), ...(this.options.products ?? [])];
    const slotText = text.slice(0, this.options.slotMaxChars ?? DEFAULT_SLOT_MAX_CHARS);
    const found = this.slots.extract({
      text: slotText,
      lower: slotText.toLowerCase(),
      lang,
      context: { ...context, products },
      timeZone,
    });
    // "不对,是前天" / "no, the 14th": a rejection that carries the new value corrects a slot.
    const opensWithCorrection = this.intents.opensWithCorrection(lower, lang);
    const correction =
      CORRECTABLE.has(read.intent) && Object.keys(found.slots).length > 0 && opensWithCorrection;
    const base = correction ? { intent: 'supplement' as const, confidence: 0.7 } : read;
    const category = urgentCategory(urgency, this.categories.classify(lower, lang));
    const reading = this.acts.read({
      text,
      lower,
      lang,
      context,
      intent: base.intent,
      emotion,
      category,
      alarming: urgency.urgent || said.some((f) => ANGER_FLAGS.has(f)),
      slots: found.slots,
      issues: found.issues,
      opensWithCorrection,
    });
    const intent = reading.intent;
    const slots: SlotValues = reading.slots;
    const complaining = COMPLAINING.has(intent);
    const flags = this.flags.detect({ lower, earlierCustomerTurns: earlier, complaining });
    if (complaining && !correction && slots.event === undefined && text.trim() !== '') {
      slots.event = {
        value: eventPhrase(text, lang),
        raw: text.trim().slice(0, EVENT_MAX_CHARS * 4),
        confidence: 0.5,
      };
    }
    const intentConfidence = intent === base.intent ? base.confidence : 0.7;
    return {
      lang,
      emotion,
      intensity,
      intent,
      intentConfidence,
      category,
      nature:
        reading.act.kind === 'venting' ? 'communicative' : this.categories.nature(category, intent),
      flags:
        urgency.urgent && urgency.cause !== 'fraud_in_progress' && urgency.cause !== 'mass_outage'
          ? [...new Set([...flags, 'safety' as const])]
          : flags,
      slots,
      act: reading.act,
      empathy: empathyFor({ emotion, intensity, act: reading.act, urgency, flags, category }),
      urgency,
      amounts: found.amounts,
      slotIssues: found.issues,
    };
  }

  /** The lexicon reading alone, for training features and evaluation. */
  readLexicon(text: string, lang: Language): LexiconReading {
    return this.lexicon.read(normalizeText(text), lang);
  }

  private emotionOf(
    text: string,
    lang: Language,
    context: AnalysisContext,
    flags: readonly RiskFlag[],
    urgency: Urgency,
  ): { emotion: Emotion; intensity: number } {
    const angryFlags = flags.filter((f) => ANGER_EVIDENCE.has(f)).length;
    const ironic = this.irony.ironic(text.toLowerCase().replace(/[‘’]/g, "'"), lang);
    const reading = this.lexicon.read(
      text,
      lang,
      { angry: angryFlags * this.flagAnger },
      ironic ? this.irony.anger : undefined,
    );
    let emotion = reading.emotion;
    let intensity = reading.intensity;
    // Someone in danger or being robbed right now is frightened first, whatever words they use.
    if (urgency.urgent && urgency.cause !== 'mass_outage') {
      return { emotion: 'anxious', intensity: Math.max(URGENT_INTENSITY, intensity) };
    }
    const model = this.options.model;
    if (model?.knows(lang) === true) {
      const predicted = model.predict(text, lang, reading.scores);
      emotion = predicted.emotion;
      // The lexicon knows degree and typography; the model knows which emotion.
      intensity =
        emotion === 'neutral'
          ? 0
          : Math.max(
              emotion === reading.emotion ? reading.intensity : 0,
              Math.round(predicted.probability * 60) / 100,
            );
    }
    const history = context.emotionHistory ?? [];
    if (history.length === 0) return { emotion, intensity };
    const smoothed = trajectory([...history, { emotion, intensity }]).current;
    // Smoothing keeps the current emotion when the turn itself is clear; it fills in calm-looking turns.
    return emotion === 'neutral' && smoothed.emotion !== 'neutral'
      ? { emotion: smoothed.emotion, intensity: Math.round(smoothed.intensity * 0.7 * 100) / 100 }
      : {
          emotion,
          intensity:
            Math.round(
              Math.max(intensity, smoothed.emotion === emotion ? smoothed.intensity : 0) * 100,
            ) / 100,
        };
  }
}

/** Builds the offline backend from its data folder (validated once, so a bad file fails at start-up). */
export function createOfflineUnderstanding(
  options: OfflineUnderstandingOptions = {},
): OfflineUnderstanding {
  const { configDir, modelDir, ...rest } = options;
  const model = rest.model ?? (modelDir === undefined ? undefined : EmotionModel.load(modelDir));
  return new OfflineUnderstanding(loadUnderstandingConfig(configDir, rest.industries), {
    ...rest,
    model,
  });
}
