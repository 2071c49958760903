import type { Emotion, Language } from '../../domain/taxonomy.js';
import type { EmotionLexicon, EmotionSettings } from '../understanding-config.js';
import { LexiconIndex, SCORED_EMOTIONS, type ScoredEmotion } from './lexicon-index.js';
import { scanChinese, scanEnglish, type LexHit } from './lexicon-scan.js';

export type EmotionScores = Record<ScoredEmotion, number>;

/** What the lexicon sees in one message: raw scores, the call, and the cues behind it. */
export interface LexiconReading {
  scores: EmotionScores;
  emotion: Emotion;
  intensity: number;
  /** Multiplier from !!!, ???, ALL CAPS: arousal, independent of which emotion. */
  arousal: number;
}

const EMOJI_HEAD = (key: string): string => [...key][0] ?? key;
const ZH_HEAD = EMOJI_HEAD;
const EN_HEAD = (key: string): string => key.split(' ')[0] ?? key;

function emptyScores(): EmotionScores {
  return { angry: 0, sad: 0, anxious: 0, positive: 0 };
}

/** Lexicon emotion for zh and en: weighted entries, negation, degree words, contrast, punctuation, caps, emoji. */
export class LexiconEmotion {
  private readonly zh: LexiconIndex;
  private readonly en: LexiconIndex;
  private readonly emoji: LexiconIndex;

  constructor(
    lexicon: { zh: EmotionLexicon; en: EmotionLexicon; emoji: EmotionLexicon },
    private readonly settings: EmotionSettings,
  ) {
    this.zh = new LexiconIndex(lexicon.zh, settings.zh, ZH_HEAD);
    this.en = new LexiconIndex(lexicon.en, settings.en, EN_HEAD);
    this.emoji = new LexiconIndex(
      lexicon.emoji,
      { negation: [], degree: {}, contrast: [], rhetorical: [] },
      EMOJI_HEAD,
    );
  }

  /**
   * `bias` adds evidence the lexicon cannot see (a legal threat is anger without an angry word);
   * `ironyAnger`, given for a sarcastic message, turns its praise into anger and adds that much more.
   */
  read(
    text: string,
    lang: Language,
    bias: Partial<EmotionScores> = {},
    ironyAnger?: number,
  ): LexiconReading {
    const lower = text.toLowerCase();
    const hits = lang === 'zh' ? scanChinese(lower, this.zh) : scanEnglish(lower, this.en);
    hits.push(...scanChinese(lower, this.emoji));
    const scores = this.accumulate(hits);
    for (const e of SCORED_EMOTIONS) scores[e] += bias[e] ?? 0;
    if (ironyAnger !== undefined) {
      scores.angry += scores.positive + ironyAnger;
      scores.positive = 0;
    }
    scores.positive *= this.settings.positiveWeight;
    const arousal = arousalOf(text, lang);
    if (arousal > 1 && scores.angry + scores.sad + scores.anxious > 0) scores.angry += arousal - 1;
    return this.decide(scores, arousal);
  }

  private accumulate(hits: LexHit[]): EmotionScores {
    const scores = emptyScores();
    const { negatedPositive, negatedNegative } = this.settings;
    for (const hit of hits) {
      const w = hit.weight * hit.factor;
      if (!hit.negated) scores[hit.emotion] += w;
      else if (hit.emotion === 'positive') {
        for (const emotion of ['angry', 'sad', 'anxious'] as const) {
          scores[emotion] += w * (negatedPositive[emotion] ?? 0);
        }
      } else scores[hit.emotion] += w * negatedNegative;
    }
    return scores;
  }

  private decide(scores: EmotionScores, arousal: number): LexiconReading {
    let best: ScoredEmotion | undefined;
    for (const e of SCORED_EMOTIONS) {
      if (e === 'angry' && scores.angry < this.settings.angryThreshold) continue;
      if (best === undefined || scores[e] > scores[best]) best = e;
    }
    if (best === undefined) best = 'sad';
    const top = scores[best];
    if (top < this.settings.neutralThreshold) {
      return {
        scores,
        emotion: 'neutral',
        intensity: Math.round(Math.min(0.3, top / 3) * 100) / 100,
        arousal,
      };
    }
    const intensity = Math.min(1, (1 - Math.exp(-top / 3)) * arousal);
    return { scores, emotion: best, intensity: Math.round(intensity * 100) / 100, arousal };
  }
}

const REPEATED_BANG = /[!！]{2,}/g;
const REPEATED_QUESTION = /[?？]{2,}|[?？][!！]|[!！][?？]/g;
const CAPS_WORD = /\b[A-Z]{3,}\b/g;

/** Arousal from typography: repeated !/?, and shouting in capitals (en). */
function arousalOf(text: string, lang: Language): number {
  let a = 1;
  a += 0.15 * Math.min(3, text.match(REPEATED_BANG)?.length ?? 0);
  a += 0.2 * Math.min(3, text.match(REPEATED_QUESTION)?.length ?? 0);
  if (lang === 'en') {
    const caps = text.match(CAPS_WORD)?.length ?? 0;
    const words = text.split(/\s+/).length;
    if (caps >= 2 || (caps >= 1 && words <= 4)) a += 0.25;
  }
  return a;
}
