import type { Analysis, SlotValues } from '../../../src/domain/analysis.js';
import type { SlotName } from '../../../src/domain/taxonomy.js';
import type { AnalysisContext } from '../../../src/understanding/understanding.port.js';
import { corpusClock, type CorpusMessage } from '../../../test/corpus/corpus.schema.js';

/** The conversation a corpus message arrives in, as the dialogs would pass it to the port. */
export function contextOf(m: CorpusMessage): AnalysisContext {
  const { now, timeZone } = corpusClock(m);
  const knownSlots: SlotValues = {};
  for (const [slot, value] of Object.entries(m.context?.knownSlots ?? {})) {
    if (value !== undefined) knownSlots[slot as SlotName] = { value, raw: value, confidence: 1 };
  }
  const context: AnalysisContext = {
    history: m.context?.history ?? [],
    knownSlots,
    now,
    timeZone,
    lang: m.lang,
  };
  if (m.context?.pending !== undefined) context.pending = m.context.pending;
  if (m.context?.stage !== undefined) context.stage = m.context.stage;
  return context;
}

/** One message's reading next to what the corpus expects of it. */
export interface Judged {
  message: CorpusMessage;
  analysis: Analysis;
}

const INTENSITY_BANDS = [
  ['low', 0, 0.45],
  ['mid', 0.45, 0.8],
  ['high', 0.8, 1.01],
] as const;

/** The corpus' intensity band of a reading ("high" = furious or very anxious). */
export function intensityBand(intensity: number): 'low' | 'mid' | 'high' {
  return INTENSITY_BANDS.find(([, lo, hi]) => intensity >= lo && intensity < hi)?.[0] ?? 'high';
}
