import type { Category, Intent, Language, Nature } from '../../domain/taxonomy.js';
import type { CueIndex } from '../cue-index.js';
import { CueMatcher } from '../cue-matcher.js';
import type { CategoryRules } from '../understanding-config.js';

/** What the complaint is about, from weighted cue lists, and whether it is an effective complaint. */
export class CategoryClassifier {
  private readonly rules: Array<{ category: Category; weight: number; matcher: CueMatcher }>;
  private readonly effective: ReadonlySet<Category>;

  constructor(config: CategoryRules, index?: CueIndex) {
    this.rules = config.rules.map((r) => ({
      category: r.category,
      weight: r.weight,
      matcher: new CueMatcher(r.cues, index),
    }));
    this.effective = new Set(config.effective);
  }

  classify(lower: string, lang: Language): Category {
    let category: Category = 'other';
    let best = 0;
    for (const rule of this.rules) {
      const hits = rule.matcher.count(lower, lang);
      const score = hits === 0 ? 0 : rule.weight * (1 + Math.log(hits));
      if (score > best) {
        best = score;
        category = rule.category;
      }
    }
    return category;
  }

  /** 有效投诉 when the customer complains about something the company may have got wrong; else 沟通性. */
  nature(category: Category, intent: Intent): Nature {
    const complaining =
      intent === 'complaint' || intent === 'supplement' || intent === 'request_human';
    return complaining && this.effective.has(category) ? 'effective' : 'communicative';
  }
}
