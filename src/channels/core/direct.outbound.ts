import pRetry, { AbortError } from 'p-retry';
import { PlatformRejection } from './channel.js';
import { SerialLanes } from './serial-lanes.js';
import {
  DEFAULT_BACKOFF,
  OutboundJob,
  type Backoff,
  type DeliverOne,
  type OnUndeliverable,
  type Outbound,
} from './outbound.js';

/**
 * Embedded mode: each job is sent at once and retried in-process with back-off (p-retry). Jobs of
 * one conversation go one after another, so a retried message is never overtaken by the next one.
 * Nothing survives the process; Redis mode is the durable one.
 */
export class DirectOutbound implements Outbound {
  private deliver: DeliverOne | undefined;
  private onUndeliverable: OnUndeliverable | undefined;
  private readonly lanes = new SerialLanes();
  private readonly controller = new AbortController();

  constructor(private readonly backoff: Backoff = DEFAULT_BACKOFF) {}

  start(deliver: DeliverOne, onUndeliverable: OnUndeliverable): Promise<void> {
    this.deliver = deliver;
    this.onUndeliverable = onUndeliverable;
    return Promise.resolve();
  }

  enqueue(input: OutboundJob): Promise<void> {
    const job = OutboundJob.parse(input);
    void this.lanes.run(job.conversationId, () => this.run(job));
    return Promise.resolve();
  }

  /** Waits for every job in flight (tests and shutdown); retries still pending are abandoned. */
  async close(): Promise<void> {
    this.controller.abort();
    await this.lanes.idle();
  }

  private async run(job: ReturnType<typeof OutboundJob.parse>): Promise<void> {
    const deliver = this.deliver;
    if (!deliver) throw new Error('DirectOutbound.enqueue before start');
    try {
      for (let index = job.sent; index < job.messages.length; index += 1) {
        await pRetry(
          async () => {
            try {
              await deliver(job, index);
            } catch (error) {
              throw error instanceof PlatformRejection ? new AbortError(error) : error;
            }
          },
          {
            retries: this.backoff.attempts - 1,
            minTimeout: this.backoff.baseMs,
            maxTimeout: this.backoff.maxMs,
            factor: 2,
            randomize: false,
            signal: this.controller.signal,
          },
        );
        job.sent = index + 1;
      }
    } catch (error) {
      if (this.controller.signal.aborted) return;
      const cause = error instanceof Error ? error : new Error(String(error));
      await this.onUndeliverable?.(job, cause).catch(() => undefined);
    }
  }
}
