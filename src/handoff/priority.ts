import type { Severity } from '../domain/ticket.js';
import type { RiskFlag } from '../domain/taxonomy.js';
import type { QueueItem } from './agent-events.js';
import type { Handoff } from './handoff.js';
import type { HandoffSummary } from './summary/summary.schema.js';

/**
 * Priority is "minutes of waiting": a case's head start (boost) from severity, emotion and risk
 * flags, plus the minutes it has actually waited. Because both grow in the same unit, the order of
 * the queue is fixed at enqueue time (score = enqueue time − boost), so stores can keep it sorted.
 */
const SEVERITY_BOOST: Readonly<Record<Severity, number>> = { P1: 60, P2: 30, P3: 10, P4: 0 };
const FLAG_BOOST: Readonly<Partial<Record<RiskFlag, number>>> = {
  safety: 30,
  regulator_threat: 20,
  media_threat: 20,
  legal_threat: 20,
  repeat_complaint: 10,
  compensation_demand: 5,
};
const EMOTION_BOOST = { angry: 30, anxious: 10, sad: 10, neutral: 0, positive: 0 } as const;

export function boostOf(summary: Pick<HandoffSummary, 'severity' | 'flags' | 'emotion'>): number {
  const { emotion, intensity } = summary.emotion.current;
  const flags = summary.flags.reduce((sum, flag) => sum + (FLAG_BOOST[flag] ?? 0), 0);
  return Math.round(SEVERITY_BOOST[summary.severity] + EMOTION_BOOST[emotion] * intensity + flags);
}

/** Sort key of a queued case: lower is served first. */
export function queueScore(handoff: Pick<Handoff, 'enqueuedAt' | 'boost'>): number {
  return Date.parse(handoff.enqueuedAt) - handoff.boost * 60_000;
}

export function waitingSeconds(handoff: Pick<Handoff, 'enqueuedAt'>, now: Date): number {
  return Math.max(0, Math.round((now.getTime() - Date.parse(handoff.enqueuedAt)) / 1000));
}

/** The priority shown to agents: higher is more urgent. */
export function priorityOf(handoff: Pick<Handoff, 'enqueuedAt' | 'boost'>, now: Date): number {
  return Math.round((handoff.boost + waitingSeconds(handoff, now) / 60) * 10) / 10;
}

/** A queued case as agents see it in the queue (DESIGN §6 `GET /api/agent/queue`). */
export function queueItemOf(
  handoff: Handoff,
  now: Date,
  slaMinutes: Readonly<Record<Severity, number>>,
): QueueItem {
  return {
    id: handoff.id,
    ticketId: handoff.ticketId,
    priority: priorityOf(handoff, now),
    waitingSeconds: waitingSeconds(handoff, now),
    group: handoff.group,
    summary: handoff.summary,
    ...slaOf(handoff, slaMinutes),
  };
}

/**
 * The SLA a case runs against: its deadline is the summary's (moved on when the case is queued
 * again, where the timer is rescheduled) and its length that of its current severity.
 */
export function slaOf(
  handoff: Pick<Handoff, 'summary'>,
  slaMinutes: Readonly<Record<Severity, number>>,
): { slaDueAt: string; slaMinutes: number } {
  return {
    slaDueAt: handoff.summary.slaDeadline,
    slaMinutes: slaMinutes[handoff.summary.severity],
  };
}
