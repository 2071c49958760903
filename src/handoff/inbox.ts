import { z } from 'zod';
import type { AgentGroup } from '../agents/agent.js';
import { QueueItem } from './agent-events.js';
import type { FollowUps } from './follow-ups.port.js';
import { HandoffLabel, HandoffState, type Handoff } from './handoff.js';
import type { HandoffQueue } from './handoff-queue.port.js';
import { queueItemOf, queueScore } from './priority.js';

export const INBOX_VIEWS = ['queue', 'mine', 'group', 'open', 'closed'] as const;
export const InboxView = z.enum(INBOX_VIEWS);
export type InboxView = z.infer<typeof InboxView>;

export const INBOX_SORTS = ['priority', 'wait'] as const;
export const InboxSort = z.enum(INBOX_SORTS);
export type InboxSort = z.infer<typeof InboxSort>;

/** `GET /api/agent/inbox` query; the cursor is the offset the previous page ended at. */
export const InboxQuery = z
  .object({
    view: InboxView.default('queue'),
    sort: InboxSort.default('priority'),
    label: HandoffLabel.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z
      .string()
      .regex(/^\d{1,6}$/, 'cursor from a previous page')
      .transform(Number)
      .optional(),
  })
  .strict();
export type InboxQuery = z.infer<typeof InboxQuery>;

/** One inbox row: the queue row's facts plus who has it, its labels and where it stands. */
export const InboxItem = QueueItem.extend({
  state: HandoffState,
  agent: z.string().optional(),
  labels: z.array(z.string()),
  waiting: z.literal('customer').optional(),
  closedAt: z.string().optional(),
  resolution: z.string().optional(),
  /** When the pending 回访 of a closed case is due. */
  followUpDue: z.string().optional(),
});
export type InboxItem = z.infer<typeof InboxItem>;

export const InboxCounts = z.object(
  Object.fromEntries(INBOX_VIEWS.map((view) => [view, z.number().int().min(0)])) as Record<
    InboxView,
    z.ZodNumber
  >,
);
export type InboxCounts = z.infer<typeof InboxCounts>;

export const InboxPage = z.object({
  items: z.array(InboxItem),
  counts: InboxCounts,
  /** Cursor of the next page, when there is one. */
  next: z.string().optional(),
});
export type InboxPage = z.infer<typeof InboxPage>;

/** With a label filter, closed cases are looked for among this many most recently closed. */
export const CLOSED_LABEL_SCAN = 1000;

export type InboxDeps = {
  queue: HandoffQueue;
  /** Every group with its members (the agent directory). */
  groups: () => Promise<AgentGroup[]>;
  followUps: FollowUps;
  clock?: () => Date;
};

/**
 * The console's inbox views over the handoff queue. Closed cases come from the queue port too: both
 * the memory and the Redis queue keep closed records (Redis indexes them by closing time), so this
 * works the same with or without the system of record. Counts honour the label filter, so a count
 * always matches the list it names.
 */
export class Inbox {
  private readonly now: () => Date;

  constructor(private readonly deps: InboxDeps) {
    this.now = deps.clock ?? (() => new Date());
  }

  async page(agent: string, query: InboxQuery): Promise<InboxPage> {
    const { queue } = this.deps;
    const has = (h: Handoff): boolean =>
      query.label === undefined || h.labels.includes(query.label);
    const [open, team] = await Promise.all([queue.open(), this.teamOf(agent)]);
    const live: Record<Exclude<InboxView, 'closed'>, Handoff[]> = {
      queue: open.filter((h) => h.state === 'queued'),
      mine: open.filter((h) => h.state === 'assigned' && h.agent === agent),
      group: open.filter((h) =>
        h.state === 'queued'
          ? h.group !== undefined && team.groups.has(h.group)
          : h.agent !== undefined && team.members.has(h.agent),
      ),
      open,
    };
    for (const view of ['queue', 'mine', 'group', 'open'] as const)
      live[view] = live[view].filter(has);
    const closed = await this.closed(query.label, query.view === 'closed' ? query : undefined);
    const counts: InboxCounts = {
      queue: live.queue.length,
      mine: live.mine.length,
      group: live.group.length,
      open: live.open.length,
      closed: closed.total,
    };
    const offset = query.cursor ?? 0;
    const now = this.now();
    if (query.view === 'closed') {
      const items = await Promise.all(closed.items.map((h) => this.closedItem(h, now)));
      const more = offset + query.limit < closed.total;
      return { items, counts, ...(more ? { next: String(offset + query.limit) } : {}) };
    }
    const sorted = sortCases(live[query.view], query.sort);
    const items = sorted.slice(offset, offset + query.limit).map((h) => itemOf(h, now));
    const more = offset + query.limit < sorted.length;
    return { items, counts, ...(more ? { next: String(offset + query.limit) } : {}) };
  }

  /** The closed count, and the requested page when the closed view is asked for. */
  private async closed(
    label: string | undefined,
    page: InboxQuery | undefined,
  ): Promise<{ items: Handoff[]; total: number }> {
    const offset = page?.cursor ?? 0;
    const limit = page?.limit ?? 0;
    if (label === undefined) return this.deps.queue.closed({ offset, limit });
    const recent = await this.deps.queue.closed({ offset: 0, limit: CLOSED_LABEL_SCAN });
    const matching = recent.items.filter((h) => h.labels.includes(label));
    return { items: matching.slice(offset, offset + limit), total: matching.length };
  }

  private async teamOf(agent: string): Promise<{ groups: Set<string>; members: Set<string> }> {
    const mine = (await this.deps.groups()).filter((g) => g.members.includes(agent));
    return {
      groups: new Set(mine.map((g) => g.name)),
      members: new Set(mine.flatMap((g) => g.members)),
    };
  }

  private async closedItem(handoff: Handoff, now: Date): Promise<InboxItem> {
    const tasks = await this.deps.followUps.forTicket(handoff.ticketId);
    const pending = tasks.find(
      (task) =>
        task.status === 'pending' &&
        (task.handoffId === undefined || task.handoffId === handoff.id),
    );
    return {
      ...itemOf(handoff, now),
      ...(pending ? { followUpDue: pending.dueAt } : {}),
    };
  }
}

/** Priority: most urgent first (the queue's own order); wait: longest waiting first. */
function sortCases(cases: readonly Handoff[], sort: InboxSort): Handoff[] {
  const key = (h: Handoff): number =>
    sort === 'priority' ? queueScore(h) : Date.parse(h.enqueuedAt);
  return [...cases].sort((a, b) => key(a) - key(b) || a.id.localeCompare(b.id));
}

function itemOf(handoff: Handoff, now: Date): InboxItem {
  const { state, agent, labels, waiting, closedAt, resolution } = handoff;
  return {
    ...queueItemOf(handoff, now),
    state,
    labels,
    ...(agent === undefined ? {} : { agent }),
    ...(waiting === undefined ? {} : { waiting }),
    ...(closedAt === undefined ? {} : { closedAt }),
    ...(resolution === undefined ? {} : { resolution: resolution.code }),
  };
}
