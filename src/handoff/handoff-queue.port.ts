import type { Handoff, HandoffOutcome, HandoffTimer, NewHandoff, TimerKind } from './handoff.js';
import type { HandoffChange } from './handoff-transitions.js';

/**
 * The handoff queue (DESIGN §4) in domain verbs: cases waiting for a human, who owns which, and the
 * delayed work attached to them. Claims are atomic: of two agents claiming one case, exactly one
 * gets it and the other a `taken` refusal. Storage details (BullMQ jobs, Redis keys) stay inside
 * the implementations.
 */
export interface HandoffQueue {
  /** Queues a case; if the conversation already has an active handoff, returns that one unchanged. */
  enqueue(input: NewHandoff): Promise<Handoff>;
  get(id: string): Promise<Handoff | undefined>;
  /** The most recent handoff of a conversation, whatever its state. */
  latest(conversationId: string): Promise<Handoff | undefined>;
  /** Queued cases, most urgent first. */
  list(): Promise<Handoff[]>;
  /** Every case not yet closed (queued or assigned), in no particular order: the inbox views. */
  open(): Promise<Handoff[]>;
  /** Closed cases, most recently closed first, one page of them, and how many there are in all. */
  closed(page: { offset: number; limit: number }): Promise<{ items: Handoff[]; total: number }>;
  /** Cases an agent currently owns. */
  assignedTo(agent: string): Promise<Handoff[]>;
  /** 1-based place in the queue, or undefined when not queued. */
  position(id: string): Promise<number | undefined>;
  claim(id: string, agent: string, at: string): Promise<HandoffOutcome>;
  /** Applies any other change (release, transfer, close, note, survey, labels, waiting) atomically. */
  update(id: string, change: Exclude<HandoffChange, { kind: 'claim' }>): Promise<HandoffOutcome>;
  /** Handling times (seconds) of the most recently closed cases, newest first. */
  recentHandlingSeconds(limit: number): Promise<number[]>;
  /** Schedules delayed work; scheduling the same kind for the same handoff again replaces it. */
  schedule(timer: HandoffTimer, at: Date): Promise<void>;
  cancel(kind: TimerKind, handoffId: string): Promise<void>;
  /** The one handler for due timers; a handler that throws is retried a few times with back-off. */
  onTimer(handler: (timer: HandoffTimer) => Promise<void>): void;
  /** Stops timers and workers; leaves the underlying connection to its owner. */
  shutdown(): Promise<void>;
}
