import type { SlotName, Language } from '../../domain/taxonomy.js';
import type { AnalysisContext } from '../understanding.port.js';

/** One candidate value for a slot, with where it was found (for ordering and corrections). */
export interface SlotHit {
  slot: SlotName;
  value: string;
  raw: string;
  confidence: number;
  index: number;
}

/** What every extractor reads: the NFKC-normalised text, its lower-case form and the conversation. */
export interface SlotInput {
  text: string;
  lower: string;
  lang: Language;
  context: AnalysisContext;
  timeZone: string;
}

export type SlotExtractor = (input: SlotInput) => SlotHit[];
