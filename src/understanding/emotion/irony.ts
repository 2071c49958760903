import type { Language } from '../../domain/taxonomy.js';
import type { CueIndex } from '../cue-index.js';
import { CueMatcher } from '../cue-matcher.js';
import type { EmotionSettings } from '../understanding-config.js';

/**
 * Sarcasm at a complaint desk: "呵呵，真行", "我谢谢你们啊，真会办事", "Brilliant. Just brilliant. Still
 * no internet." A sneer is ironic by itself; praise is ironic when the same message tells what went
 * wrong ("厉害了 一个快递送了十天"), and sincere when it does not ("你们真行，半天就修好了").
 */
export class IronyReader {
  private readonly sneers: CueMatcher;
  private readonly praise: CueMatcher;
  private readonly grievance: CueMatcher;
  readonly anger: number;

  constructor(settings: EmotionSettings['irony'], index?: CueIndex) {
    this.sneers = new CueMatcher(settings.sneers, index);
    this.praise = new CueMatcher(settings.praise, index);
    this.grievance = new CueMatcher(settings.grievance, index);
    this.anger = settings.anger;
  }

  /** Whether the message is sarcastic; `lower` is the lower-cased text. */
  ironic(lower: string, lang: Language): boolean {
    if (this.sneers.has(lower, lang)) return true;
    return this.praise.has(lower, lang) && this.grievance.has(lower, lang);
  }
}
