import { neutralAnalysis, type Analysis } from '../../src/domain/analysis.js';
import type { AnalysisContext, Understanding } from '../../src/understanding/understanding.port.js';
import type { WireAnalysis } from '../../src/understanding/openai/wire-analysis.schema.js';

/** What a well-behaved model returns for "昨天下午在营业厅被多扣了50元,我要退款" (slots as nullable fields). */
export function wireAnswer(overrides: Partial<WireAnalysis> = {}): WireAnalysis {
  return {
    lang: 'zh',
    emotion: 'angry',
    intensity: 0.7,
    intent: 'complaint',
    intentConfidence: 0.92,
    category: 'billing',
    nature: 'effective',
    flags: ['compensation_demand', 'compensation_demand'],
    slots: {
      event: { value: '营业厅多扣费50元', raw: '被多扣了50元', confidence: 0.9 },
      product: null,
      account: null,
      time: { value: '2026-11-24T15:00:00+08:00', raw: '昨天下午', confidence: 0.8 },
      place: { value: '营业厅', raw: '营业厅', confidence: 0.9 },
      people: null,
      amount: { value: '50.00 CNY', raw: '50元', confidence: 0.95 },
      demand: { value: 'refund', raw: '我要退款', confidence: 0.9 },
      contact_name: null,
      contact_phone: null,
      contact_time: null,
    },
    act: { kind: 'complaint', slot: null, value: null },
    empathy: { family: 'acknowledge_anger', reason: 'unexpected charge' },
    urgency: { urgent: false, cause: null, cue: null },
    amounts: [{ value: '50 CNY', raw: '50元', role: 'overcharged' }],
    slotIssues: [],
    ...overrides,
  };
}

export const NEUTRAL: Analysis = { ...neutralAnalysis('zh'), intentConfidence: 0.1 };

/** Stands in for the offline backend: the wrapper is under test, not the offline analysis. */
export class FixedUnderstanding implements Understanding {
  readonly seen: string[] = [];
  analyze(text: string, _context: AnalysisContext): Promise<Analysis> {
    this.seen.push(text);
    return Promise.resolve(NEUTRAL);
  }
}

export function context(overrides: Partial<AnalysisContext> = {}): AnalysisContext {
  return {
    history: [],
    knownSlots: {},
    now: new Date('2026-11-25T09:43:19Z'),
    timeZone: 'Asia/Shanghai',
    ...overrides,
  };
}
