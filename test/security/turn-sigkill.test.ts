import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../src/domain/message.js';
import { api, login } from '../handoff/harness.js';
import { redisAvailable, TEST_REDIS_URL } from '../support/redis.js';
import { redisScope } from '../support/redis-scope.js';
import { connectChat, type ChatClient } from '../support/test-app.js';
import { kill, nextMessage, printed, spawnInstance, type Instance } from './instances.js';

const PHONE = '13812345678';
const OPENER = '我家宽带从前天开始就断网了,一直没人来修';
/** The answer to "which contact phone?": the turn that carries the slot is the one killed. */
const ANSWER = `号码是${PHONE}`;

describe.runIf(await redisAvailable())(
  'at-least-once turns across SIGKILL',
  { timeout: 120_000 },
  () => {
    const redis = redisScope('turn-sigkill');
    const instances: Instance[] = [];
    const clients: ChatClient[] = [];
    afterEach(async () => {
      for (const client of clients.splice(0)) client.disconnect();
      for (const instance of instances.splice(0)) await kill(instance);
    });

    it('processes on another instance a message whose turn was killed mid-way, slot and all', async () => {
      redis.client();
      const env = {
        REDIS_URL: TEST_REDIS_URL,
        REDIS_PREFIX: redis.prefix(),
        TURN_DEADLINE_MS: '1500',
      };
      const [doomed, survivor] = await Promise.all([
        spawnInstance({ ...env, HANG_TURN_ON: PHONE }),
        spawnInstance(env),
      ]);
      instances.push(doomed, survivor);

      const first = await connectChat(doomed.url);
      clients.push(first.client);
      await first.box.next();
      const asked = nextMessage(first.client, (m) => m.meta?.act === 'ask');
      await first.client.emitWithAck('message', { text: OPENER, clientMessageId: 'opener' });
      await asked;
      const payload = { text: ANSWER, clientMessageId: 'killed-mid-turn' };
      first.client.emit('message', payload, () => undefined);
      await printed(doomed, 'TURN STARTED');
      await kill(doomed);
      first.client.disconnect();

      // The widget reconnects elsewhere with its session and resends the unacknowledged message.
      const second = await connectChat(survivor.url, { sessionId: first.session.sessionId });
      clients.push(second.client);
      expect(second.session.sessionId).toBe(first.session.sessionId);
      const answered = nextMessage(second.client, (m: Message) => m.from === 'bot');
      const ack = await second.client.emitWithAck('message', payload);
      expect(ack).toMatchObject({ ok: true });
      // The customer gets an answer to the resent message (the number itself is checked in the ticket).
      expect((await answered).from).toBe('bot');
      const queued = new Promise((resolve) => second.client.once('handoff', resolve));
      await second.client.emitWithAck('message', { text: '我要转人工', clientMessageId: 'human' });
      await queued;

      const token = await login(survivor.url, 'amy');
      const queue = (await api(survivor.url, '/queue', { token })).body['items'] as Array<{
        ticketId: string;
      }>;
      expect(queue).toHaveLength(1);
      const ticket = await fetch(`${survivor.url}/api/tickets/${queue[0]!.ticketId}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(ticket.status).toBe(200);
      const body = (await ticket.json()) as { slots: Record<string, unknown> };
      expect(JSON.stringify(body.slots)).toContain(PHONE);

      const resumed = await connectChat(survivor.url, { sessionId: first.session.sessionId });
      clients.push(resumed.client);
      expect(resumed.session.history.filter((m) => m.text === ANSWER)).toHaveLength(1);
      // A later retry of the finished message is a duplicate: same id, not processed again.
      expect(await resumed.client.emitWithAck('message', payload)).toEqual(ack);
    });
  },
);
