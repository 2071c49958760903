import type { Emotion, Intent, Language } from '../../domain/taxonomy.js';
import { CueMatcher } from '../cue-matcher.js';
import type { IntentRules } from '../understanding-config.js';

export interface IntentReading {
  intent: Intent;
  confidence: number;
}

interface CompiledRule {
  intent: Intent;
  weight: number;
  maxChars: number | undefined;
  matcher: CueMatcher;
}

const NEGATIVE: ReadonlySet<Emotion> = new Set(['angry', 'sad', 'anxious']);

/** Intent from weighted cue lists; short-message rules (greetings, yes/no) only fire on short messages. */
export class IntentClassifier {
  private readonly rules: CompiledRule[];

  constructor(config: IntentRules) {
    this.rules = config.rules.map((r) => ({
      intent: r.intent,
      weight: r.weight,
      maxChars: r.maxChars,
      matcher: new CueMatcher(r.cues),
    }));
  }

  classify(lower: string, lang: Language, emotion: Emotion): IntentReading {
    const length = [...lower.trim()].length;
    const scores = new Map<Intent, number>();
    for (const rule of this.rules) {
      if (rule.maxChars !== undefined && length > rule.maxChars) continue;
      const hits = rule.matcher.find(lower, lang).length;
      if (hits === 0) continue;
      const score = rule.weight * (1 + Math.log(hits));
      scores.set(rule.intent, (scores.get(rule.intent) ?? 0) + score);
    }
    // A negative message that matched a question form is a complaint, not an inquiry.
    if (NEGATIVE.has(emotion)) scores.set('complaint', (scores.get('complaint') ?? 0) + 1.5);
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
