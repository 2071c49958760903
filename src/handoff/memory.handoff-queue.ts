import { randomUUID } from 'node:crypto';
import {
  Handoff,
  type HandoffOutcome,
  type HandoffTimer,
  type NewHandoff,
  type TimerKind,
} from './handoff.js';
import type { HandoffQueue } from './handoff-queue.port.js';
import {
  applyHandoffChange,
  handlingSeconds,
  isActive,
  openHandoff,
  type HandoffChange,
} from './handoff-transitions.js';
import { queueScore } from './priority.js';

const TIMER_ATTEMPTS = 3;
const TIMER_BACKOFF_MS = 200;
const HANDLING_KEPT = 100;

const closedOrder = (handoff: Handoff): number => Date.parse(handoff.closedAt ?? '') || 0;

/**
 * Embedded-mode queue. Records round-trip through JSON and go through the same transitions as the
 * Redis queue, so a Date or an undefined field fails here first (STYLE §4).
 */
export class MemoryHandoffQueue implements HandoffQueue {
  private readonly records = new Map<string, string>();
  /** Queued ids and their sort keys, like the Redis sorted set: positions without parsing records. */
  private readonly queuedScores = new Map<string, number>();
  private readonly latestByConversation = new Map<string, string>();
  private readonly handled: number[] = [];
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private handler: ((timer: HandoffTimer) => Promise<void>) | undefined;

  enqueue(input: NewHandoff): Promise<Handoff> {
    const current = this.read(this.latestByConversation.get(input.conversationId));
    if (current !== undefined && isActive(current)) return Promise.resolve(current);
    const handoff = openHandoff(randomUUID(), input);
    this.write(handoff);
    this.latestByConversation.set(handoff.conversationId, handoff.id);
    return Promise.resolve(this.read(handoff.id) ?? handoff);
  }

  get(id: string): Promise<Handoff | undefined> {
    return Promise.resolve(this.read(id));
  }

  latest(conversationId: string): Promise<Handoff | undefined> {
    return Promise.resolve(this.read(this.latestByConversation.get(conversationId)));
  }

  list(): Promise<Handoff[]> {
    return Promise.resolve(this.queued());
  }

  open(): Promise<Handoff[]> {
    return Promise.resolve(this.all().filter(isActive));
  }

  closed(page: { offset: number; limit: number }): Promise<{ items: Handoff[]; total: number }> {
    const closed = this.all()
      .filter((h) => !isActive(h))
      .sort((a, b) => closedOrder(b) - closedOrder(a) || (a.id < b.id ? 1 : -1));
    const items = closed.slice(page.offset, page.offset + page.limit);
    return Promise.resolve({ items, total: closed.length });
  }

  assignedTo(agent: string): Promise<Handoff[]> {
    return Promise.resolve(this.all().filter((h) => h.state === 'assigned' && h.agent === agent));
  }

  position(id: string): Promise<number | undefined> {
    const score = this.queuedScores.get(id);
    if (score === undefined) return Promise.resolve(undefined);
    let ahead = 0;
    for (const [other, s] of this.queuedScores)
      if (s < score || (s === score && other < id)) ahead++;
    return Promise.resolve(ahead + 1);
  }

  claim(id: string, agent: string, at: string): Promise<HandoffOutcome> {
    return Promise.resolve(this.apply(id, { kind: 'claim', agent, at }));
  }

  update(id: string, change: Exclude<HandoffChange, { kind: 'claim' }>): Promise<HandoffOutcome> {
    return Promise.resolve(this.apply(id, change));
  }

  recentHandlingSeconds(limit: number): Promise<number[]> {
    return Promise.resolve(this.handled.slice(0, limit));
  }

  schedule(timer: HandoffTimer, at: Date): Promise<void> {
    this.clearTimer(timer.kind, timer.handoffId);
    this.arm(timer, Math.max(0, at.getTime() - Date.now()), 1);
    return Promise.resolve();
  }

  cancel(kind: TimerKind, handoffId: string): Promise<void> {
    this.clearTimer(kind, handoffId);
    return Promise.resolve();
  }

  onTimer(handler: (timer: HandoffTimer) => Promise<void>): void {
    this.handler = handler;
  }

  shutdown(): Promise<void> {
    for (const timeout of this.timers.values()) clearTimeout(timeout);
    this.timers.clear();
    return Promise.resolve();
  }

  private apply(id: string, change: HandoffChange): HandoffOutcome {
    const current = this.read(id);
    if (current === undefined) return { ok: false, reason: 'not_found' };
    const outcome = applyHandoffChange(current, change);
    if (!outcome.ok) return outcome;
    this.write(outcome.handoff);
    const seconds = change.kind === 'close' ? handlingSeconds(outcome.handoff) : undefined;
    if (seconds !== undefined) this.handled.splice(0, 0, seconds);
    this.handled.length = Math.min(this.handled.length, HANDLING_KEPT);
    return { ok: true, handoff: this.read(id) ?? outcome.handoff };
  }

  private arm(timer: HandoffTimer, delayMs: number, attempt: number): void {
    const key = `${timer.kind}:${timer.handoffId}`;
    const timeout = setTimeout(() => {
      this.timers.delete(key);
      const handler = this.handler;
      if (handler === undefined) return;
      Promise.resolve()
        .then(() => handler(timer))
        .catch(() => {
          if (attempt < TIMER_ATTEMPTS)
            this.arm(timer, TIMER_BACKOFF_MS * 2 ** attempt, attempt + 1);
        });
    }, delayMs);
    this.timers.set(key, timeout);
  }

  private clearTimer(kind: TimerKind, handoffId: string): void {
    const key = `${kind}:${handoffId}`;
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  private queued(): Handoff[] {
    return [...this.queuedScores]
      .sort(([a, x], [b, y]) => x - y || (a < b ? -1 : 1))
      .flatMap(([id]) => this.read(id) ?? []);
  }

  private all(): Handoff[] {
    return [...this.records.keys()].flatMap((id) => this.read(id) ?? []);
  }

  private read(id: string | undefined): Handoff | undefined {
    const json = id === undefined ? undefined : this.records.get(id);
    return json === undefined ? undefined : Handoff.parse(JSON.parse(json));
  }

  private write(handoff: Handoff): void {
    this.records.set(handoff.id, JSON.stringify(handoff));
    if (handoff.state === 'queued') this.queuedScores.set(handoff.id, queueScore(handoff));
    else this.queuedScores.delete(handoff.id);
  }
}
