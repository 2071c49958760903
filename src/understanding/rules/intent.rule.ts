import type { Emotion, Intent, Language } from '../../domain/taxonomy.js';
import type { CueIndex } from '../cue-index.js';
import { CueMatcher, escapeRegExp } from '../cue-matcher.js';
import type { IntentRules } from '../understanding-config.js';
import { codePointLength, coreLength } from '../text-length.js';

export interface IntentReading {
  intent: Intent;
  confidence: number;
}

interface CompiledRule {
  intent: Intent;
  weight: number;
  maxChars: number | undefined;
  negatable: boolean;
  matcher: CueMatcher;
}

/** A negator at the end of the text before a cue; never matches when there are none. */
function negatorBefore(words: readonly string[], gap: string): RegExp {
  if (words.length === 0) return /(?!)/;
  return new RegExp(`(?<![a-z])(?:${words.map(escapeRegExp).join('|')})${gap}$`, 'u');
}

const NEGATIVE: ReadonlySet<Emotion> = new Set(['angry', 'sad', 'anxious']);

/** Intent from weighted cue lists; short-message rules (greetings, yes/no) only fire on short messages. */
export class IntentClassifier {
  private readonly rules: CompiledRule[];
  private readonly negators: Record<Language, RegExp>;
  private readonly correctionOpeners: CueMatcher;

  constructor(config: IntentRules, index?: CueIndex) {
    this.rules = config.rules.map((r) => ({
      intent: r.intent,
      weight: r.weight,
      maxChars: r.maxChars,
      negatable: r.negatable,
      matcher: new CueMatcher(r.cues, index),
    }));
    this.negators = {
      zh: negatorBefore(config.negators.zh, '\\s*'),
      en: negatorBefore(config.negators.en, '\\s+'),
    };
    this.correctionOpeners = new CueMatcher(config.correctionOpeners, index);
  }

  /** Whether the message opens by rejecting something ("不对,…", "no, …"), as a correction does. */
  opensWithCorrection(lower: string, lang: Language): boolean {
    const first = this.correctionOpeners.find(lower, lang)[0];
    return first !== undefined && lower.slice(0, first.index).trim() === '';
  }

  /** Whether a negator ends right before `index` ("不对", "not right", "isn't correct"). */
  private negated(lower: string, lang: Language, index: number): boolean {
    const before = lower.slice(Math.max(0, index - 12), index);
    return this.negators[lang].test(before);
  }

  classify(lower: string, lang: Language, emotion: Emotion): IntentReading {
    const length = codePointLength(lower.trim());
    const core = coreLength(lower);
    const found: Array<{ rule: CompiledRule; index: number; end: number }> = [];
    for (const rule of this.rules) {
      if (rule.maxChars !== undefined && length > rule.maxChars) continue;
      for (const h of rule.matcher.find(lower, lang)) {
        // A short-message cue must be most of the message: "好" is assent, "好开心" is not.
        if (rule.maxChars !== undefined && codePointLength(h.cue) * 2 < core) continue;
        found.push({ rule, index: h.index, end: h.index + h.cue.length });
      }
    }
    const scores = new Map<Intent, number>();
    const hitsPerRule = new Map<CompiledRule, number>();
    for (const f of found) {
      // "对" in "不对", "是的" in "不是的": overlapping cues of two intents go to the one that starts
      // first (then the longer), and an assent cue right after a negator is no assent.
      const beaten = found.some(
        (g) =>
          g.rule !== f.rule &&
          g.index < f.end &&
          f.index < g.end &&
          (g.index < f.index || (g.index === f.index && g.end > f.end)),
      );
      const negated = f.rule.negatable && this.negated(lower, lang, f.index);
      if (!beaten && !negated) hitsPerRule.set(f.rule, (hitsPerRule.get(f.rule) ?? 0) + 1);
    }
    for (const [rule, hits] of hitsPerRule) {
      const score = rule.weight * (1 + Math.log(hits));
      scores.set(rule.intent, (scores.get(rule.intent) ?? 0) + score);
    }
    // A negative message that matched a question form is a complaint, not an inquiry.
    if (NEGATIVE.has(emotion)) scores.set('complaint', (scores.get('complaint') ?? 0) + 1.5);
    // And a pleased message with a praise cue is praise, even when it mentions the problem solved.
    const praise = scores.get('praise');
    if (emotion === 'positive' && praise !== undefined) scores.set('praise', praise + 1.5);
    let intent: Intent = 'other';
    let best = 0;
    let total = 0;
    for (const [i, s] of scores) {
      total += s;
      if (s > best) {
        best = s;
        intent = i;
      }
    }
    if (intent === 'other') return { intent, confidence: 0.3 };
    // Confidence grows with evidence and with the margin over the competing intents.
    const share = best / total;
    const strength = 1 - Math.exp(-best / 2);
    return {
      intent,
      confidence: Math.round(Math.min(0.98, 0.5 * share + 0.5 * strength) * 100) / 100,
    };
  }
}
