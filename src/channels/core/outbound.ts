import { z } from 'zod';
import { ChannelAddress, OutboundMessage } from './channel.js';

/**
 * One delivery: the messages of one turn (or one proactive send) to one address, in order.
 * `sent` counts the ones the platform already accepted, so a retry never repeats them.
 */
export const OutboundJob = z.object({
  conversationId: z.string().min(1),
  address: ChannelAddress,
  messages: z.array(OutboundMessage).min(1),
  sent: z.number().int().min(0).default(0),
});
export type OutboundJob = z.input<typeof OutboundJob>;

/** Delivers the job's next unsent message; resolves once the platform accepted it. */
export type DeliverOne = (job: z.output<typeof OutboundJob>, index: number) => Promise<void>;

/** Called once a job is given up for good (a platform rejection, or retries exhausted). */
export type OnUndeliverable = (job: z.output<typeof OutboundJob>, error: Error) => Promise<void>;

/**
 * Outbound platform calls, never fire-and-forget: embedded mode retries in-process, Redis mode
 * keeps every job in a durable BullMQ queue until the platform takes it (STYLE §16).
 */
export interface Outbound {
  enqueue(job: OutboundJob): Promise<void>;
  /** Starts delivering (the BullMQ worker); jobs enqueued before start wait in the queue. */
  start(deliver: DeliverOne, onUndeliverable: OnUndeliverable): Promise<void>;
  close(): Promise<void>;
}

/** Exponential back-off with a ceiling: 1 s, 2 s, 4 s … 5 min, then every 5 min. */
export interface Backoff {
  baseMs: number;
  maxMs: number;
  /** Attempts before a job is given up; the default spans about a day of outage. */
  attempts: number;
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 1000, maxMs: 300_000, attempts: 300 };

export function backoffDelay(backoff: Backoff, attemptsMade: number): number {
  return Math.min(backoff.baseMs * 2 ** Math.max(0, attemptsMade - 1), backoff.maxMs);
}
