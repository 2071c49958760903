import type { CustomerDelivery } from '../channels/customer-delivery.port.js';
import type { Severity } from '../domain/ticket.js';
import type { AgentNotifier } from './agent-events.js';
import type { Handoff } from './handoff.js';
import type { HandoffQueue } from './handoff-queue.port.js';
import { queueItemOf } from './priority.js';

/** Handling time assumed before any case has been closed. */
const DEFAULT_HANDLING_SECONDS = 300;
const RECENT_CASES = 20;
/** Many handoffs at once cause one refresh, not one per case. */
const DEBOUNCE_MS = 100;

/** Estimated wait: cases ahead (and this one) times the recent mean handling time, shared by online agents. */
export function estimateWaitSeconds(
  position: number,
  recentHandling: readonly number[],
  onlineAgents: number,
): number {
  const mean =
    recentHandling.length > 0
      ? recentHandling.reduce((sum, s) => sum + s, 0) / recentHandling.length
      : DEFAULT_HANDLING_SECONDS;
  return Math.round((position * mean) / Math.max(1, onlineAgents));
}

/**
 * Keeps waiting customers told their place and estimated wait (DESIGN §4) as the queue changes,
 * telling each customer only when their position moved, and announces cases entering or leaving
 * the queue to agents and customers alike.
 */
export class QueuePositions {
  private readonly announced = new Map<string, number>();
  private pending: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly queue: HandoffQueue,
    private readonly notifier: AgentNotifier,
    private readonly delivery: CustomerDelivery,
    private readonly onError: (error: unknown) => void,
    private readonly slaMinutes: Readonly<Record<Severity, number>>,
  ) {}

  /** Position and ETA of one queued case right now. */
  async estimate(id: string): Promise<{ position: number; etaSeconds: number } | undefined> {
    const position = await this.queue.position(id);
    if (position === undefined) return undefined;
    const [handling, online] = await Promise.all([
      this.queue.recentHandlingSeconds(RECENT_CASES),
      this.notifier.onlineAgents(),
    ]);
    return { position, etaSeconds: estimateWaitSeconds(position, handling, online.length) };
  }

  /** Remembers what a customer was already told, so the next refresh does not repeat it. */
  told(id: string, position: number): void {
    this.announced.set(id, position);
  }

  /** Agents drop the case from their queue, its new owner opens it, the customer learns who. */
  async assigned(handoff: Handoff, agent: string): Promise<void> {
    this.notifier.toAll('queue:removed', { id: handoff.id });
    this.notifier.toAgent(agent, 'handoff:assigned', {
      handoff: { id: handoff.id, ticketId: handoff.ticketId, agent },
    });
    await this.delivery.notifyHandoff(handoff.conversationId, {
      state: 'assigned',
      agentName: agent,
    });
    this.refreshSoon();
  }

  /** The case is back in the queue (release, group transfer): agents see it, the customer their place. */
  async requeued(handoff: Handoff, now: Date): Promise<void> {
    this.notifier.toAll('queue:added', queueItemOf(handoff, now, this.slaMinutes));
    const estimate = await this.estimate(handoff.id);
    if (estimate !== undefined) this.told(handoff.id, estimate.position);
    await this.delivery.notifyHandoff(handoff.conversationId, { state: 'queued', ...estimate });
    this.refreshSoon();
  }

  /** Schedules one refresh soon; calls in between are folded into it. */
  refreshSoon(): void {
    if (this.pending !== undefined) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.running = this.running.then(() => this.refresh()).catch(this.onError);
    }, DEBOUNCE_MS);
  }

  async stop(): Promise<void> {
    clearTimeout(this.pending);
    this.pending = undefined;
    await this.running;
  }

  private async refresh(): Promise<void> {
    const [queued, handling, online] = await Promise.all([
      this.queue.list(),
      this.queue.recentHandlingSeconds(RECENT_CASES),
      this.notifier.onlineAgents(),
    ]);
    const stillQueued = new Set(queued.map((h) => h.id));
    for (const id of this.announced.keys()) if (!stillQueued.has(id)) this.announced.delete(id);
    await Promise.all(
      queued.map(async (handoff, index) => {
        const position = index + 1;
        if (this.announced.get(handoff.id) === position) return;
        this.announced.set(handoff.id, position);
        const etaSeconds = estimateWaitSeconds(position, handling, online.length);
        await this.delivery.notifyHandoff(handoff.conversationId, {
          state: 'queued',
          position,
          etaSeconds,
        });
      }),
    );
  }
}
