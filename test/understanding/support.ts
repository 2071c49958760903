import type { AnalysisContext } from '../../src/understanding/understanding.port.js';
import { createOfflineUnderstanding } from '../../src/understanding/offline.understanding.js';

/** One shared backend per test file: loading the data files is the slow part. */
export const offline = createOfflineUnderstanding();

/** Wednesday 2026-11-25 10:00 in Shanghai, the reference "now" of every fixture. */
export const NOW = new Date('2026-11-25T10:00:00+08:00');

export function ctx(overrides: Partial<AnalysisContext> = {}): AnalysisContext {
  return { history: [], knownSlots: {}, now: NOW, ...overrides };
}
