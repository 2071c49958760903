import type { Urgency } from '../../domain/analysis.js';
import type { Language, UrgencyCause } from '../../domain/taxonomy.js';
import type { CueIndex } from '../cue-index.js';
import { CueMatcher, escapeRegExp, type CueHit } from '../cue-matcher.js';
import type { UrgencyCues } from './urgency-config.js';

/** How far back (characters) a negator still cancels a cue: "没有人受伤", "no one was injured". */
const NEGATION_REACH = 8;

interface CompiledCause {
  cause: UrgencyCause;
  cues: CueMatcher;
  requires: CueMatcher | undefined;
  unless: CueMatcher | undefined;
  pairs: Array<{ a: CueMatcher; b: CueMatcher }>;
}

/** The order causes are tried in: a person harmed outranks the hazard that harmed them, a child anyone. */
const GRAVITY: readonly UrgencyCause[] = [
  'minors',
  'health',
  'safety',
  'fraud_in_progress',
  'mass_outage',
];

/** What ends a clause a negator reaches across; in Chinese a space does too ("没擦干的地上摔了 起不来了"). */
const CLAUSE_BREAK: Readonly<Record<Language, string>> = {
  zh: ',，。.!！?？;；\\s',
  en: ',，。.!！?？;；',
};

/** Ends with a negator (a few characters before a cue), e.g. "没有" + "人" before "受伤"; Latin words on word boundaries. */
function negatorAtEnd(words: readonly string[], breaks: string): RegExp {
  if (words.length === 0) return /(?!)/;
  const alternatives = words
    .map((w) => {
      const head = /^[a-z]/i.test(w) ? '(?<![a-z])' : '';
      const tail = /[a-z]$/i.test(w) ? '(?![a-z])' : '';
      return `${head}${escapeRegExp(w)}${tail}`;
    })
    .join('|');
  return new RegExp(`(?:${alternatives})[^${breaks}]{0,${NEGATION_REACH}}$`, 'u');
}

/**
 * Why a case cannot wait (fraud in progress, safety, health, minors, mass outage), from the cue
 * lists of config/understanding/urgency/*.yaml: single cues, or a pair (who is at risk, what is
 * happening). Causes are tried in order of gravity; the first cue not cancelled by a negator decides.
 */
export class UrgencyDetector {
  private readonly causes: CompiledCause[];
  private readonly negators: Record<Language, RegExp>;

  constructor(config: UrgencyCues, index?: CueIndex) {
    this.causes = GRAVITY.map((cause) => {
      const cues = config.causes[cause] ?? { zh: [], en: [] };
      return {
        cause,
        cues: new CueMatcher(cues, index),
        requires: cues.requires === undefined ? undefined : new CueMatcher(cues.requires, index),
        unless: cues.unless === undefined ? undefined : new CueMatcher(cues.unless, index),
        pairs: (config.pairs[cause] ?? []).map((p) => ({
          a: new CueMatcher(p.a, index),
          b: new CueMatcher(p.b, index),
        })),
      };
    });
    this.negators = {
      zh: negatorAtEnd(config.negators.zh, CLAUSE_BREAK.zh),
      en: negatorAtEnd(config.negators.en, CLAUSE_BREAK.en),
    };
  }

  detect(lower: string, lang: Language): Urgency {
    for (const { cause, cues, requires, unless, pairs } of this.causes) {
      if (unless?.hasAny(lower) === true) continue;
      const cue =
        requires !== undefined && !requires.hasAny(lower)
          ? undefined
          : this.firstAffirmed(cues.findAny(lower), lower, lang);
      if (cue !== undefined) return { urgent: true, cause, cue: cue.slice(0, 40) };
      for (const { a, b } of pairs) {
        const who = a.findAny(lower)[0];
        const what =
          who === undefined ? undefined : this.firstAffirmed(b.findAny(lower), lower, lang);
        if (who !== undefined && what !== undefined) {
          return { urgent: true, cause, cue: `${who.cue} … ${what}`.slice(0, 40) };
        }
      }
    }
    return { urgent: false };
  }

  /** The first cue not cancelled by a negator just before it. */
  private firstAffirmed(
    hits: readonly CueHit[],
    lower: string,
    lang: Language,
  ): string | undefined {
    for (const hit of hits) {
      const before = lower.slice(Math.max(0, hit.index - NEGATION_REACH - 4), hit.index);
      if (!this.negators[lang].test(before)) return hit.cue;
    }
    return undefined;
  }
}
