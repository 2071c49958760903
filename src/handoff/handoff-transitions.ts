import type { AgentIdentity } from '../agents/agent.js';
import {
  MAX_LABELS,
  type Handoff,
  type HandoffNote,
  type HandoffOutcome,
  type HandoffRefusal,
  type NewHandoff,
  type Resolution,
  type Survey,
} from './handoff.js';
import type { HandoffSummary } from './summary/summary.schema.js';

/** One change to a stored handoff; both queue implementations apply it through `applyHandoffChange`. */
export type HandoffChange =
  | { kind: 'claim'; agent: string; at: string }
  /** Back to the queue; with `agent`, only if that agent still owns it (grace expiry must not undo a transfer). */
  | { kind: 'release'; agent?: string; at: string }
  | { kind: 'transfer'; from: string; to: { agent: string } | { group: string }; at: string }
  | { kind: 'close'; agent: string; resolution: Resolution; at: string }
  | { kind: 'note'; note: HandoffNote }
  | { kind: 'survey'; survey?: Survey }
  /** The same facts with the LLM's validated wording (narrative, abstract). */
  | { kind: 'summary'; summary: HandoffSummary }
  /** Labels added and removed in one step; more than MAX_LABELS in the end is refused. */
  | { kind: 'labels'; agent: string; add: readonly string[]; remove: readonly string[]; at: string }
  /**
   * The owner marks the case as waiting on the customer, or not (`waiting` absent); assigned cases
   * only. Without `agent`, the customer's own message cleared it.
   */
  | { kind: 'waiting'; agent?: string; waiting?: 'customer'; at: string };

export function isActive(handoff: Pick<Handoff, 'state'>): boolean {
  return handoff.state !== 'closed';
}

export function openHandoff(id: string, input: NewHandoff): Handoff {
  const { at, ...rest } = input;
  return {
    ...rest,
    id,
    state: 'queued',
    enqueuedAt: at,
    notes: [],
    labels: [],
    surveyPending: false,
    version: 1,
  };
}

/** Pure application of a change, so the memory and Redis queues cannot drift apart. */
export function applyHandoffChange(handoff: Handoff, change: HandoffChange): HandoffOutcome {
  const next = (patch: Partial<Handoff>): HandoffOutcome => ({
    ok: true,
    handoff: { ...handoff, ...patch, version: handoff.version + 1 },
  });
  switch (change.kind) {
    case 'claim':
      if (handoff.state === 'closed') return { ok: false, reason: 'closed' };
      if (handoff.state === 'assigned') return { ok: false, reason: 'taken' };
      return next({
        state: 'assigned',
        agent: change.agent,
        assignedAt: change.at,
        group: undefined,
      });
    case 'release':
      if (handoff.state !== 'assigned') return { ok: false, reason: 'not_assigned' };
      if (change.agent !== undefined && handoff.agent !== change.agent)
        return { ok: false, reason: 'not_owner' };
      return next({
        state: 'queued',
        agent: undefined,
        assignedAt: undefined,
        waiting: undefined,
      });
    case 'transfer':
      if (handoff.state === 'closed') return { ok: false, reason: 'closed' };
      if (handoff.state !== 'assigned' || handoff.agent !== change.from)
        return { ok: false, reason: 'not_owner' };
      return 'agent' in change.to
        ? next({ agent: change.to.agent, assignedAt: change.at, group: undefined })
        : next({
            state: 'queued',
            agent: undefined,
            assignedAt: undefined,
            waiting: undefined,
            group: change.to.group,
          });
    case 'close':
      if (handoff.state === 'closed') return { ok: false, reason: 'closed' };
      if (handoff.state !== 'assigned' || handoff.agent !== change.agent)
        return { ok: false, reason: 'not_owner' };
      return next({
        state: 'closed',
        closedAt: change.at,
        resolution: change.resolution,
        surveyPending: true,
        waiting: undefined,
      });
    case 'note':
      return next({ notes: [...handoff.notes, change.note] });
    case 'survey':
      if (!handoff.surveyPending) return { ok: false, reason: 'closed' };
      return next({ surveyPending: false, survey: change.survey });
    case 'summary':
      return next({ summary: change.summary });
    case 'labels': {
      const removed = new Set(change.remove);
      const labels = [...new Set([...handoff.labels, ...change.add])].filter(
        (label) => !removed.has(label),
      );
      if (labels.length > MAX_LABELS) return { ok: false, reason: 'too_many_labels' };
      return next({ labels });
    }
    case 'waiting':
      if (handoff.state === 'closed') return { ok: false, reason: 'closed' };
      if (handoff.state !== 'assigned') return { ok: false, reason: 'not_assigned' };
      return next({ waiting: change.waiting });
  }
}

/** Seconds an agent spent on a closed case, for the customer's estimated wait. */
export function handlingSeconds(handoff: Handoff): number | undefined {
  if (handoff.assignedAt === undefined || handoff.closedAt === undefined) return undefined;
  return Math.max(0, (Date.parse(handoff.closedAt) - Date.parse(handoff.assignedAt)) / 1000);
}

/** Only the owner (or, where allowed, an admin) may act on an assigned case. */
export function refusalFor(
  handoff: Handoff | undefined,
  actor: AgentIdentity,
  adminMay: boolean,
): HandoffRefusal | undefined {
  if (handoff === undefined) return 'not_found';
  if (handoff.state === 'closed') return 'closed';
  if (handoff.state !== 'assigned') return 'not_assigned';
  if (handoff.agent === actor.username || (adminMay && actor.role === 'admin')) return undefined;
  return 'not_owner';
}
