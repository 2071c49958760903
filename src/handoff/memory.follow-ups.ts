import { randomUUID } from 'node:crypto';
import {
  DueQuery,
  FollowUp,
  FollowUpResult,
  NewFollowUp,
  type FollowUpOutcome,
} from './follow-up.js';
import type { FollowUps } from './follow-ups.port.js';

/** Follow-ups in process memory (RECORDS=none and tests); copies in and out. */
export class MemoryFollowUps implements FollowUps {
  private readonly byId = new Map<string, FollowUp>();

  async schedule(task: NewFollowUp): Promise<FollowUp> {
    await Promise.resolve();
    const followUp = FollowUp.parse({
      ...NewFollowUp.parse(task),
      id: randomUUID(),
      status: 'pending',
    });
    this.byId.set(followUp.id, followUp);
    return structuredClone(followUp);
  }

  get(id: string): Promise<FollowUp | undefined> {
    const found = this.byId.get(id);
    return Promise.resolve(found === undefined ? undefined : structuredClone(found));
  }

  forTicket(ticketId: string): Promise<FollowUp[]> {
    return Promise.resolve(this.sorted((f) => f.ticketId === ticketId));
  }

  async due(query: DueQuery): Promise<FollowUp[]> {
    await Promise.resolve();
    const { before, assignee, limit } = DueQuery.parse(query);
    const cutoff = Date.parse(before);
    return this.sorted(
      (f) =>
        f.status === 'pending' &&
        Date.parse(f.dueAt) < cutoff &&
        (assignee === undefined || f.assignee === assignee),
    ).slice(0, limit);
  }

  assign(id: string, assignee: string): Promise<FollowUpOutcome> {
    return Promise.resolve(this.changePending(id, { assignee }));
  }

  async complete(id: string, result: FollowUpResult): Promise<FollowUpOutcome> {
    await Promise.resolve();
    const { status, outcome, at, by } = FollowUpResult.parse(result);
    return this.changePending(id, {
      status,
      assignee: by,
      doneAt: at,
      ...(outcome === undefined || outcome === '' ? {} : { outcome }),
    });
  }

  private changePending(id: string, change: Partial<FollowUp>): FollowUpOutcome {
    const current = this.byId.get(id);
    if (current === undefined) return { ok: false, reason: 'not_found' };
    if (current.status !== 'pending') return { ok: false, reason: 'not_pending' };
    const followUp = FollowUp.parse({ ...current, ...change });
    this.byId.set(id, followUp);
    return { ok: true, followUp: structuredClone(followUp) };
  }

  private sorted(keep: (followUp: FollowUp) => boolean): FollowUp[] {
    return [...this.byId.values()]
      .filter(keep)
      .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))
      .map((f) => structuredClone(f));
  }
}
