import type { Urgency } from '../../domain/analysis.js';
import { URGENCY_CAUSES, type Language, type UrgencyCause } from '../../domain/taxonomy.js';
import { CueMatcher, escapeRegExp } from '../cue-matcher.js';
import type { UrgencyCues } from './urgency-config.js';

/** How far back (characters) a negator still cancels a cue: "没有人受伤", "no one was injured". */
const NEGATION_REACH = 8;

interface CompiledCause {
  cause: UrgencyCause;
  cues: CueMatcher;
  requires: CueMatcher | undefined;
}

/** Ends with a negator (a few characters before a cue), e.g. "没有" + "人" before "受伤"; Latin words on word boundaries. */
function negatorAtEnd(words: readonly string[]): RegExp {
  if (words.length === 0) return /(?!)/;
  const alternatives = words
    .map((w) => {
      const head = /^[a-z]/i.test(w) ? '(?<![a-z])' : '';
      const tail = /[a-z]$/i.test(w) ? '(?![a-z])' : '';
      return `${head}${escapeRegExp(w)}${tail}`;
    })
    .join('|');
  return new RegExp(`(?:${alternatives})[^,，。.!！?？;；]{0,${NEGATION_REACH}}$`, 'u');
}

/**
 * Why a case cannot wait (fraud in progress, safety, health, minors, mass outage), from the cue
 * lists of config/understanding/urgency/*.yaml. Causes are tried in URGENCY_CAUSES order of
 * gravity; the first cue not cancelled by a negator decides.
 */
export class UrgencyDetector {
  private readonly causes: CompiledCause[];
  private readonly negators: Record<Language, RegExp>;

  constructor(config: UrgencyCues) {
    this.causes = URGENCY_CAUSES.flatMap((cause) => {
      const cues = config.causes[cause];
      if (cues === undefined) return [];
      return [
        {
          cause,
          cues: new CueMatcher(cues),
          requires: cues.requires === undefined ? undefined : new CueMatcher(cues.requires),
        },
      ];
    });
    this.negators = { zh: negatorAtEnd(config.negators.zh), en: negatorAtEnd(config.negators.en) };
  }

  detect(lower: string, lang: Language): Urgency {
    for (const { cause, cues, requires } of this.causes) {
      if (requires !== undefined && !requires.hasAny(lower)) continue;
      for (const hit of cues.findAny(lower)) {
        const before = lower.slice(Math.max(0, hit.index - NEGATION_REACH - 4), hit.index);
        if (this.negators[lang].test(before)) continue;
        return { urgent: true, cause, cue: hit.cue.slice(0, 40) };
      }
    }
    return { urgent: false };
  }
}
