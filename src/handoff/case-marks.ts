import type { AgentIdentity } from '../agents/agent.js';
import type { AgentNotifier } from './agent-events.js';
import type { Handoff } from './handoff.js';
import type { HandoffQueue } from './handoff-queue.port.js';
import { refusalFor } from './handoff-transitions.js';
import type { ActionOutcome } from './handoff.service.js';

/** What an agent may set from the case view; 已解决 is the close action (it needs a resolution). */
export const CASE_STATUSES = ['in_progress', 'waiting_customer'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/**
 * Labels (标签) and the waiting-on-the-customer mark of a case: the owner (or an admin) sets them,
 * every console hears of it (`handoff:marked`), and the customer's next message clears the mark.
 * Both are plain handoff changes, so the archived handoff (system of record) carries them too.
 */
export class CaseMarks {
  private readonly now: () => Date;

  constructor(
    private readonly queue: HandoffQueue,
    private readonly notifier: AgentNotifier,
    clock?: () => Date,
  ) {
    this.now = clock ?? (() => new Date());
  }

  async labels(
    id: string,
    actor: AgentIdentity,
    change: { add: readonly string[]; remove: readonly string[] },
  ): Promise<ActionOutcome> {
    const refusal = refusalFor(await this.queue.get(id), actor, true);
    if (refusal !== undefined) return { ok: false, reason: refusal };
    const outcome = await this.queue.update(id, {
      kind: 'labels',
      agent: actor.username,
      ...change,
      at: this.now().toISOString(),
    });
    if (outcome.ok) this.announce(outcome.handoff);
    return outcome;
  }

  async status(id: string, actor: AgentIdentity, status: CaseStatus): Promise<ActionOutcome> {
    const refusal = refusalFor(await this.queue.get(id), actor, true);
    if (refusal !== undefined) return { ok: false, reason: refusal };
    const outcome = await this.queue.update(id, {
      kind: 'waiting',
      agent: actor.username,
      ...(status === 'waiting_customer' ? { waiting: 'customer' as const } : {}),
      at: this.now().toISOString(),
    });
    if (outcome.ok) this.announce(outcome.handoff);
    return outcome;
  }

  /** The customer wrote: a case waiting on them is in progress again. */
  async customerWrote(handoff: Handoff, at: string): Promise<void> {
    if (handoff.waiting === undefined) return;
    const outcome = await this.queue.update(handoff.id, { kind: 'waiting', at });
    if (outcome.ok) this.announce(outcome.handoff);
  }

  private announce(handoff: Handoff): void {
    const { id, labels, waiting } = handoff;
    this.notifier.toAll('handoff:marked', { id, labels, ...(waiting ? { waiting } : {}) });
  }
}
