import { RISK_FLAGS, type RiskFlag } from '../../domain/taxonomy.js';
import type { CueIndex } from '../cue-index.js';
import { CueMatcher, type CueHit } from '../cue-matcher.js';
import type { FlagRules } from '../understanding-config.js';

export interface FlagInput {
  lower: string;
  /** Earlier customer turns, lower-cased, oldest first. */
  earlierCustomerTurns: readonly string[];
  complaining: boolean;
}

/** Templated complaints repeat word for word; a customer's own retelling rarely does. */
const TEMPLATE_MIN_CHARS = 40;

/** Whether some verb hit lies within `window` characters of some platform hit (both sorted by index): one merge pass. */
function near(platforms: readonly CueHit[], verbs: readonly CueHit[], window: number): boolean {
  let j = 0;
  for (const p of platforms) {
    while (
      j < verbs.length &&
      (verbs[j]?.index ?? 0) + (verbs[j]?.cue.length ?? 0) < p.index - window
    )
      j += 1;
    const v = verbs[j];
    if (v !== undefined && v.index <= p.index + p.cue.length + window) return true;
  }
  return false;
}

/**
 * Risk flags (DESIGN §2) from cue lists in both languages, a threat to post on any platform (a
 * platform name near a posting verb), patterns for how people say they have contacted us before,
 * and the conversation-level template check.
 */
export class FlagDetector {
  private readonly rules: Array<{ flag: RiskFlag; matcher: CueMatcher }>;
  private readonly platforms: CueMatcher;
  private readonly verbs: CueMatcher;
  private readonly window: number;
  private readonly patterns: Array<{ flag: RiskFlag; re: RegExp }>;

  constructor(config: FlagRules, index?: CueIndex) {
    this.rules = config.rules.map((r) => ({
      flag: r.flag,
      matcher: new CueMatcher(r.cues, index),
    }));
    this.platforms = new CueMatcher(config.platformThreats.platforms, index);
    this.verbs = new CueMatcher(config.platformThreats.verbs, index);
    this.window = config.platformThreats.window;
    this.patterns = config.patterns.flatMap((p) =>
      [...p.zh, ...p.en].map((source) => ({ flag: p.flag, re: new RegExp(source, 'iu') })),
    );
  }

  detect(input: FlagInput): RiskFlag[] {
    const flags = new Set<RiskFlag>();
    for (const { flag, matcher } of this.rules) {
      if (matcher.hasAny(input.lower)) flags.add(flag);
    }
    // Repeat cues ("second time") only count while complaining; the contact patterns always do.
    if (flags.has('repeat_complaint') && !input.complaining) flags.delete('repeat_complaint');
    for (const { flag, re } of this.patterns) if (re.test(input.lower)) flags.add(flag);
    const platforms = this.platforms.findAny(input.lower);
    if (platforms.length > 0 && near(platforms, this.verbs.findAny(input.lower), this.window)) {
      flags.add('media_threat');
    }
    const text = input.lower.trim();
    if (
      text.length >= TEMPLATE_MIN_CHARS &&
      input.earlierCustomerTurns.some((t) => t.trim() === text)
    ) {
      flags.add('suspected_fraud');
    }
    return RISK_FLAGS.filter((f) => flags.has(f));
  }
}
