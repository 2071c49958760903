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
    const core = [...lower.replace(/[\s\p{P}\p{S}]/gu, '')].length;
    const found: Array<{ rule: CompiledRule; index: number; end: number }> = [];
    for (const rule of this.rules) {
      if (rule.maxChars !== undefined && length > rule.maxChars) continue;
      for (const h of rule.matcher.find(lower, lang)) {
        // A short-message cue must be most of the message: "好" is assent, "好开心" is not.
        if (rule.maxChars !== undefined && [...h.cue].length * 2 < core) continue;
        found.push({ rule, index: h.index, end: h.index + h.cue.length });
      }
    }
    const scores = new Map<Intent, number>();
    const hitsPerRule = new Map<CompiledRule, number>();
    for (const f of found) {
      // "对" inside "不对" belongs to the longer cue of another intent.
      const inside = found.some(
        (g) =>
          g.rule !== f.rule &&
          g.index <= f.index &&
          g.end >= f.end &&
          g.end - g.index > f.end - f.index,
      );
      if (!inside) hitsPerRule.set(f.rule, (hitsPerRule.get(f.rule) ?? 0) + 1);
    }
    for (const [rule, hits] of hitsPerRule) {
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
