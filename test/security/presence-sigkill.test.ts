import { io as connect } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { HandoffStatus } from '../../src/channels/customer-delivery.port.js';
import type { QueueItem } from '../../src/handoff/agent-events.js';
import { api, login } from '../handoff/harness.js';
import { redisAvailable, TEST_REDIS_URL } from '../support/redis.js';
import { redisScope } from '../support/redis-scope.js';
import { connectChat, type ChatClient } from '../support/test-app.js';
import { eventually, kill, nextMessage, spawnInstance, type Instance } from './instances.js';

const GRACE_SECONDS = 2;

describe.runIf(await redisAvailable())(
  'agent presence across SIGKILL',
  { timeout: 120_000 },
  () => {
    const redis = redisScope('presence-sigkill');
    const instances: Instance[] = [];
    const closers: Array<() => void> = [];
    afterEach(async () => {
      for (const close of closers.splice(0)) close();
      for (const instance of instances.splice(0)) await kill(instance);
    });

    it("requeues a dead instance's agent's case within grace + 10 s and tells the customer", async () => {
      redis.client();
      const env = {
        REDIS_URL: TEST_REDIS_URL,
        REDIS_PREFIX: redis.prefix(),
        AGENT_GRACE_SECONDS: String(GRACE_SECONDS),
        AGENT_PRESENCE_TTL_SECONDS: '3',
      };
      const [agentSide, customerSide] = await Promise.all([spawnInstance(env), spawnInstance(env)]);
      instances.push(agentSide, customerSide);

      const { client: customer }: { client: ChatClient } = await connectChat(customerSide.url);
      closers.push(() => customer.disconnect());
      const queued = new Promise<HandoffStatus>((resolve) => customer.once('handoff', resolve));
      customer.emit(
        'message',
        {
          text: '你们乱扣我话费整整三个月!气死我了!!我要投诉,马上给我转人工!',
          clientMessageId: 'q',
        },
        () => undefined,
      );
      expect((await queued).state).toBe('queued');

      const token = await login(agentSide.url, 'amy');
      const agentConsole = connect(`${agentSide.url}/agent`, {
        auth: { token },
        transports: ['websocket'],
      });
      closers.push(() => agentConsole.disconnect());
      await new Promise<void>((resolve, reject) => {
        agentConsole.once('connect', resolve);
        agentConsole.once('connect_error', reject);
      });
      const [item] = (await api(agentSide.url, '/queue', { token })).body['items'] as QueueItem[];
      expect(
        (await api(agentSide.url, `/handoffs/${item!.id}/claim`, { token, body: {} })).status,
      ).toBe(200);
      // A few heartbeats pass with the console alive: nothing is requeued while amy is there.
      await new Promise((resolve) => setTimeout(resolve, 4000));
      expect((await api(customerSide.url, '/queue', { token })).body['items']).toEqual([]);

      const told = nextMessage(customer, (m) => m.from === 'system', 30_000);
      await kill(agentSide);
      const killedAt = Date.now();
      const back = await eventually(
        async () => {
          const items = (await api(customerSide.url, '/queue', { token })).body[
            'items'
          ] as QueueItem[];
          return items.find((i) => i.id === item!.id);
        },
        (GRACE_SECONDS + 10) * 1000,
      );
      const seconds = (Date.now() - killedAt) / 1000;
      expect(back.id).toBe(item!.id);
      expect(seconds).toBeLessThanOrEqual(GRACE_SECONDS + 10);
      expect((await told).meta?.act).toBe('handoff');
      const me = await api(customerSide.url, '/me', { token });
      expect(me.body['assigned']).toEqual([]);
    });
  },
);
