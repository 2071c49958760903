import { describe, expect, it } from 'vitest';
import { BullmqOutbound } from '../../../src/channels/core/bullmq.outbound.js';
import { PlatformRejection } from '../../../src/channels/core/channel.js';
import { DirectOutbound } from '../../../src/channels/core/direct.outbound.js';
import type { Outbound, OutboundJob } from '../../../src/channels/core/outbound.js';
import { redisAvailable } from '../../support/redis.js';
import { redisScope } from '../../support/redis-scope.js';
import { eventually } from '../support/channel-app.js';

const BACKOFF = { baseMs: 20, maxMs: 100, attempts: 6 };

const job = (conversationId: string, ...texts: string[]): OutboundJob => ({
  conversationId,
  address: { channel: 'fake', user: conversationId },
  messages: texts.map((text, i) => ({ id: `${conversationId}-${text}-${i}`, text })),
});

/** A platform that fails some sends: `failures[text]` transient failures, `reject` for good. */
function fakePlatform(failures: Record<string, number>, reject: Set<string> = new Set()) {
  const delivered: string[] = [];
  const attempts: string[] = [];
  const undeliverable: Array<{ text: string; error: string }> = [];
  return {
    delivered,
    attempts,
    undeliverable,
    async start(outbound: Outbound) {
      await outbound.start(
        (queued, index) => {
          const text = queued.messages[index]?.text ?? '';
          attempts.push(text);
          if (reject.has(text)) return Promise.reject(new PlatformRejection('blocked', '43004'));
          if ((failures[text] ?? 0) > 0) {
            failures[text] = (failures[text] ?? 0) - 1;
            return Promise.reject(new Error('HTTP 503'));
          }
          delivered.push(text);
          return Promise.resolve();
        },
        (queued, error) => {
          undeliverable.push({ text: queued.messages.at(-1)?.text ?? '', error: error.message });
          return Promise.resolve();
        },
      );
    },
  };
}

/** What every Outbound guarantees, embedded or durable. */
function outboundContract(name: string, make: () => Outbound) {
  describe(`${name} outbound`, { timeout: 30_000 }, () => {
    it('retries a failing send, never repeats an accepted one, and keeps a conversation in order', async () => {
      const outbound = make();
      const platform = fakePlatform({ b: 2, c: 1 });
      await platform.start(outbound);
      await outbound.enqueue(job('conv-1', 'a', 'b'));
      await outbound.enqueue(job('conv-1', 'c'));
      await outbound.enqueue(job('conv-1', 'd'));
      await eventually(() => (platform.delivered.length === 4 ? true : undefined), 'four sends');
      expect(platform.delivered).toEqual(['a', 'b', 'c', 'd']);
      expect(platform.attempts.filter((t) => t === 'a')).toEqual(['a']);
      await outbound.close();
    });

    it('gives up on a platform rejection at once and reports it, then carries on', async () => {
      const outbound = make();
      const platform = fakePlatform({}, new Set(['late']));
      await platform.start(outbound);
      await outbound.enqueue(job('conv-2', 'late'));
      await outbound.enqueue(job('conv-2', 'next'));
      await eventually(
        () => (platform.delivered.includes('next') ? true : undefined),
        'the next send',
      );
      expect(platform.attempts.filter((t) => t === 'late')).toEqual(['late']);
      expect(platform.undeliverable).toEqual([{ text: 'late', error: 'blocked' }]);
      await outbound.close();
    });

    it('reports a send that keeps failing once its attempts are spent', async () => {
      const outbound = make();
      const platform = fakePlatform({ never: 1000 });
      await platform.start(outbound);
      await outbound.enqueue(job('conv-3', 'never'));
      await eventually(() => platform.undeliverable[0], 'the report', 20_000);
      expect(platform.attempts).toHaveLength(BACKOFF.attempts);
      expect(platform.undeliverable[0]?.error).toBe('HTTP 503');
      await outbound.close();
    });
  });
}

outboundContract('direct (embedded)', () => new DirectOutbound(BACKOFF));

describe.runIf(await redisAvailable())('BullMQ', () => {
  const redis = redisScope('outbound');
  outboundContract('BullMQ (Redis)', () => {
    return new BullmqOutbound({
      client: redis.client(),
      prefix: redis.prefix(),
      onError: () => undefined,
      backoff: BACKOFF,
    });
  });
});
