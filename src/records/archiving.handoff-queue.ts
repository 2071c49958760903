import type {
  Handoff,
  HandoffOutcome,
  HandoffTimer,
  NewHandoff,
  TimerKind,
} from '../handoff/handoff.js';
import type { HandoffQueue } from '../handoff/handoff-queue.port.js';
import type { HandoffChange } from '../handoff/handoff-transitions.js';
import { analyticsEvent, type AnalyticsEvent } from './analytics-event.js';
import type { ArchiveRecord, ArchiveSink } from './archive-record.js';
import { auditEntry } from './audit-entry.js';

/**
 * The handoff queue with every stored version archived: the queue (memory or Redis) stays the
 * source of truth for live cases; each successful change also goes, write-behind, to the
 * `handoffs`/`handoff_events` tables, with the analytics facts it implies (rule fired, wait,
 * resolution time, rating). A failed archive write is reported, never turned into a failed change.
 */
export class ArchivingHandoffQueue implements HandoffQueue {
  constructor(
    private readonly queue: HandoffQueue,
    private readonly sink: ArchiveSink,
    private readonly onError: (error: unknown) => void,
  ) {}

  async enqueue(input: NewHandoff): Promise<Handoff> {
    const handoff = await this.queue.enqueue(input);
    if (handoff.version === 1 && handoff.enqueuedAt === input.at)
      this.archive(handoff, 'enqueued', input.at);
    return handoff;
  }

  get(id: string): Promise<Handoff | undefined> {
    return this.queue.get(id);
  }

  latest(conversationId: string): Promise<Handoff | undefined> {
    return this.queue.latest(conversationId);
  }

  list(): Promise<Handoff[]> {
    return this.queue.list();
  }

  open(): Promise<Handoff[]> {
    return this.queue.open();
  }

  closed(page: { offset: number; limit: number }): Promise<{ items: Handoff[]; total: number }> {
    return this.queue.closed(page);
  }

  assignedTo(agent: string): Promise<Handoff[]> {
    return this.queue.assignedTo(agent);
  }

  position(id: string): Promise<number | undefined> {
    return this.queue.position(id);
  }

  async claim(id: string, agent: string, at: string): Promise<HandoffOutcome> {
    const outcome = await this.queue.claim(id, agent, at);
    if (outcome.ok) this.archive(outcome.handoff, 'claim', at, agent);
    return outcome;
  }

  async update(
    id: string,
    change: Exclude<HandoffChange, { kind: 'claim' }>,
  ): Promise<HandoffOutcome> {
    const outcome = await this.queue.update(id, change);
    if (outcome.ok) this.archive(outcome.handoff, change.kind, changeTime(change), staffOf(change));
    return outcome;
  }

  recentHandlingSeconds(limit: number): Promise<number[]> {
    return this.queue.recentHandlingSeconds(limit);
  }

  schedule(timer: HandoffTimer, at: Date): Promise<void> {
    return this.queue.schedule(timer, at);
  }

  cancel(kind: TimerKind, handoffId: string): Promise<void> {
    return this.queue.cancel(kind, handoffId);
  }

  onTimer(handler: (timer: HandoffTimer) => Promise<void>): void {
    this.queue.onTimer(handler);
  }

  shutdown(): Promise<void> {
    return this.queue.shutdown();
  }

  /** `staff`: the agent who made the change, which makes it an audited staff action. */
  private archive(handoff: Handoff, change: string, at: string, staff?: string): void {
    const records: ArchiveRecord[] = [
      { kind: 'handoff', handoff, change, at },
      ...factsOf(handoff, change, at).map((event) => ({ kind: 'event' as const, event })),
    ];
    if (staff !== undefined)
      records.push({
        kind: 'audit',
        entry: auditEntry({
          at: new Date(at).toISOString(),
          actor: staff,
          action: `handoff.${change}`,
          targetKind: 'handoff',
          targetId: handoff.id,
          detail: { ticketId: handoff.ticketId, version: handoff.version },
        }),
      });
    // Sequential, so the handoff row exists before anything refers to it in a later batch.
    void records
      .reduce<Promise<void>>(
        (previous, record) => previous.then(() => this.sink.enqueue(record)),
        Promise.resolve(),
      )
      .catch(this.onError);
  }
}

/** Notes carry their own time; the other changes say when they happened, or the snapshot does. */
function changeTime(change: Exclude<HandoffChange, { kind: 'claim' }>): string {
  switch (change.kind) {
    case 'note':
      return change.note.at;
    case 'survey':
      return change.survey?.at ?? new Date().toISOString();
    case 'summary':
      return new Date().toISOString();
    default:
      return change.at;
  }
}

/** The agent behind a change, when a person made it (a release is the grace timer's; a survey the customer's). */
function staffOf(change: Exclude<HandoffChange, { kind: 'claim' }>): string | undefined {
  switch (change.kind) {
    case 'transfer':
      return change.from;
    case 'close':
      return change.agent;
    case 'note':
      return change.note.agent;
    case 'labels':
    case 'waiting':
      return change.agent;
    default:
      return undefined;
  }
}

/** The analytics facts one stored change implies. */
export function factsOf(handoff: Handoff, change: string, at: string): AnalyticsEvent[] {
  const base = {
    at: new Date(at).toISOString(),
    conversationId: handoff.conversationId,
    ticketId: handoff.ticketId,
    channel: handoff.channel,
    category: handoff.summary.category,
  };
  const secondsQueued = (until: string): number =>
    Math.max(0, (Date.parse(until) - Date.parse(handoff.enqueuedAt)) / 1000);
  switch (change) {
    case 'enqueued':
      return [analyticsEvent({ ...base, kind: 'rule_fired', label: handoff.summary.handoffRule })];
    case 'claim':
      return handoff.assignedAt === undefined
        ? []
        : [
            analyticsEvent({
              ...base,
              kind: 'handoff_wait',
              value: secondsQueued(handoff.assignedAt),
            }),
          ];
    case 'close':
      return handoff.closedAt === undefined
        ? []
        : [
            analyticsEvent({
              ...base,
              kind: 'resolution',
              value: secondsQueued(handoff.closedAt),
              label: handoff.resolution?.code,
            }),
          ];
    case 'survey':
      return handoff.survey === undefined
        ? []
        : [analyticsEvent({ ...base, kind: 'csat', value: handoff.survey.rating })];
    default:
      return [];
  }
}
