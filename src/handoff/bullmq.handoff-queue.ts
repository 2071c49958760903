import { randomUUID } from 'node:crypto';
import type { RedisClientType } from 'redis';
import type { Handoff, HandoffOutcome, HandoffTimer, NewHandoff, TimerKind } from './handoff.js';
import type { HandoffQueue } from './handoff-queue.port.js';
import {
  applyHandoffChange,
  isActive,
  openHandoff,
  type HandoffChange,
} from './handoff-transitions.js';
import { BullmqHandoffTimers } from './bullmq.handoff-timers.js';
import { RedisHandoffRecords } from './redis.handoff-records.js';

/** A lost compare-and-set means someone else changed the record; re-read and decide again. */
const MAX_CAS_ATTEMPTS = 50;

export type BullmqHandoffQueueOptions = {
  client: RedisClientType;
  /** Key prefix for records and for BullMQ's own keys (REDIS_PREFIX). */
  prefix: string;
  onError: (error: Error) => void;
};

/**
 * Redis-mode queue: records and their priority index change atomically through a Lua
 * compare-and-set (BullMQ has no claim-by-id, and its priorities do not age with waiting time);
 * delayed work runs as BullMQ jobs. Nothing lives only in process memory, so a SIGKILL loses nothing.
 */
export class BullmqHandoffQueue implements HandoffQueue {
  private readonly records: RedisHandoffRecords;
  private readonly timers: BullmqHandoffTimers;
  private readonly onError: (error: Error) => void;
  private starting: Promise<void> | undefined;

  constructor(options: BullmqHandoffQueueOptions) {
    this.onError = options.onError;
    this.records = new RedisHandoffRecords(options.client, options.prefix);
    this.timers = new BullmqHandoffTimers(options.client, `${options.prefix}bull`, options.onError);
  }

  async enqueue(input: NewHandoff): Promise<Handoff> {
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      const latestId = await this.records.latestId(input.conversationId);
      const current = latestId === null ? undefined : await this.records.read(latestId);
      if (current !== undefined && isActive(current)) return current;
      const handoff = openHandoff(randomUUID(), input);
      if (await this.records.create(handoff, latestId)) return handoff;
    }
    throw new Error(`enqueue kept conflicting for conversation ${input.conversationId}`);
  }

  get(id: string): Promise<Handoff | undefined> {
    return this.records.read(id);
  }

  async latest(conversationId: string): Promise<Handoff | undefined> {
    const id = await this.records.latestId(conversationId);
    return id === null ? undefined : this.records.read(id);
  }

  async list(): Promise<Handoff[]> {
    const handoffs = await this.records.readMany(await this.records.queuedIds());
    return handoffs.filter((h) => h.state === 'queued');
  }

  async open(): Promise<Handoff[]> {
    const handoffs = await this.records.readMany(await this.records.openIds());
    return handoffs.filter(isActive);
  }

  async closed(page: {
    offset: number;
    limit: number;
  }): Promise<{ items: Handoff[]; total: number }> {
    const { ids, total } = await this.records.closedIds(page.offset, page.limit);
    return { items: await this.records.readMany(ids), total };
  }

  async assignedTo(agent: string): Promise<Handoff[]> {
    const handoffs = await this.records.readMany(await this.records.agentIds(agent));
    return handoffs
      .filter((h) => h.state === 'assigned' && h.agent === agent)
      .sort((a, b) => (a.assignedAt ?? '').localeCompare(b.assignedAt ?? ''));
  }

  async position(id: string): Promise<number | undefined> {
    const rank = await this.records.queuedRank(id);
    return rank === undefined ? undefined : rank + 1;
  }

  claim(id: string, agent: string, at: string): Promise<HandoffOutcome> {
    return this.apply(id, { kind: 'claim', agent, at });
  }

  update(id: string, change: Exclude<HandoffChange, { kind: 'claim' }>): Promise<HandoffOutcome> {
    return this.apply(id, change);
  }

  recentHandlingSeconds(limit: number): Promise<number[]> {
    return this.records.handlingSeconds(limit);
  }

  schedule(timer: HandoffTimer, at: Date): Promise<void> {
    return this.timers.schedule(timer, at);
  }

  cancel(kind: TimerKind, handoffId: string): Promise<void> {
    return this.timers.cancel(kind, handoffId);
  }

  onTimer(handler: (timer: HandoffTimer) => Promise<void>): void {
    this.starting = this.timers.start(handler).catch((error: unknown) => {
      this.onError(error instanceof Error ? error : new Error(String(error)));
    });
  }

  async shutdown(): Promise<void> {
    await this.starting;
    await this.timers.shutdown();
  }

  private async apply(id: string, change: HandoffChange): Promise<HandoffOutcome> {
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      const current = await this.records.read(id);
      if (current === undefined) return { ok: false, reason: 'not_found' };
      const outcome = applyHandoffChange(current, change);
      if (!outcome.ok) return outcome;
      if (await this.records.replace(current, outcome.handoff)) return outcome;
    }
    throw new Error(`handoff ${id} kept conflicting`);
  }
}
