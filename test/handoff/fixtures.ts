import type { NewHandoff } from '../../src/handoff/handoff.js';
import type { HandoffSummary } from '../../src/handoff/summary/summary.schema.js';
import type { Severity } from '../../src/domain/ticket.js';
import type { Emotion, RiskFlag } from '../../src/domain/taxonomy.js';

type Shape = {
  conversationId: string;
  severity?: Severity;
  emotion?: Emotion;
  intensity?: number;
  flags?: RiskFlag[];
  at?: string;
  boost?: number;
};

/** A minimal, schema-valid summary; tests vary only what they assert on. */
export function summaryFor(shape: Shape): HandoffSummary {
  const at = shape.at ?? '2026-11-25T10:00:00.000Z';
  const current = { emotion: shape.emotion ?? 'neutral', intensity: shape.intensity ?? 0.2, at };
  return {
    ticketId: `Q20261125-${shape.conversationId.slice(-4).padStart(4, '0')}`,
    conversationId: shape.conversationId,
    channel: 'web',
    lang: 'zh',
    customer: {},
    category: 'billing',
    nature: 'effective',
    severity: shape.severity ?? 'P3',
    emotion: { current, trajectory: [current], trend: 'steady' },
    flags: shape.flags ?? [],
    elements: {},
    missing: [],
    handoffRule: 'request_human',
    assistantSaid: [],
    nextSteps: [],
    suggestedFirstReply: '您好',
    transcript: [],
    timestamps: { conversationStartedAt: at, handoffAt: at },
    slaDeadline: at,
  };
}

export function newHandoff(shape: Shape): NewHandoff {
  const summary = summaryFor(shape);
  return {
    conversationId: shape.conversationId,
    ticketId: summary.ticketId,
    channel: 'web',
    lang: 'zh',
    boost: shape.boost ?? 0,
    summary,
    at: shape.at ?? '2026-11-25T10:00:00.000Z',
  };
}
