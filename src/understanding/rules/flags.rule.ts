import type { RiskFlag } from '../../domain/taxonomy.js';
import { CueMatcher } from '../cue-matcher.js';
import type { FlagRules } from '../understanding-config.js';

export interface FlagInput {
  lower: string;
  /** Earlier customer turns, lower-cased, oldest first. */
  earlierCustomerTurns: readonly string[];
  complaining: boolean;
}

/** Templated complaints repeat word for word; a customer's own retelling rarely does. */
const TEMPLATE_MIN_CHARS = 40;

/** Risk flags (DESIGN §2) from cue lists in both languages, plus conversation-level repeat and template checks. */
export class FlagDetector {
  private readonly rules: Array<{ flag: RiskFlag; matcher: CueMatcher }>;

  constructor(config: FlagRules) {
    this.rules = config.rules.map((r) => ({ flag: r.flag, matcher: new CueMatcher(r.cues) }));
  }

  detect(input: FlagInput): RiskFlag[] {
    const flags = new Set<RiskFlag>();
    for (const { flag, matcher } of this.rules) {
      if (matcher.hasAny(input.lower)) flags.add(flag);
    }
    // "Again" and friends only make a repeat complaint when the customer is complaining.
    if (flags.has('repeat_complaint') && !input.complaining) flags.delete('repeat_complaint');
    const text = input.lower.trim();
    if (
      text.length >= TEMPLATE_MIN_CHARS &&
      input.earlierCustomerTurns.some((t) => t.trim() === text)
    ) {
      flags.add('suspected_fraud');
    }
    return [...flags];
  }
}
