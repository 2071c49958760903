import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { HandoffStatus } from '../../src/channels/customer-delivery.port.js';
import type { Message } from '../../src/domain/message.js';
import type { HandoffDetail, QueueItem } from '../../src/handoff/agent-events.js';
import { redisAvailable, TEST_REDIS_URL } from '../support/redis.js';
import { redisScope } from '../support/redis-scope.js';
import { spawnServer } from '../support/spawn-server.js';
import { connectChat, type ChatClient } from '../support/test-app.js';
import { api, login } from './harness.js';
import { AGENT_TOKEN_SECRET, AGENTS } from './round-trip.support.js';

const SERVER = fileURLToPath(new URL('../support/app-server.ts', import.meta.url));

/** The server as a child process; the system of record has its own SIGKILL test (test/records/restart.test.ts). */
const startServer = (env: Record<string, string>) =>
  spawnServer(SERVER, { ...AGENTS, AGENT_TOKEN_SECRET, RECORDS: 'none', ...env });

function until<T>(
  client: ChatClient,
  event: 'message' | 'handoff',
  match: (value: T) => boolean,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${event}`)), 8000);
    const listener = (value: T): void => {
      if (!match(value)) return;
      clearTimeout(timer);
      client.off(event, listener as never);
      resolve(value);
    };
    client.on(event, listener as never);
  });
}

describe.runIf(await redisAvailable())('SIGKILL in Redis mode', { timeout: 90_000 }, () => {
  const redis = redisScope('handoff-sigkill');
  const children: ChildProcess[] = [];
  const clients: ChatClient[] = [];
  afterEach(() => {
    for (const client of clients.splice(0)) client.disconnect();
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('keeps the queue, the assignment and every message across kill -9 and restart', async () => {
    redis.client();
    const env = { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: redis.prefix() };
    const first = await startServer(env);
    children.push(first.child);
    const amy = await login(first.url, 'amy');

    const customers: Array<{ client: ChatClient; sessionId: string }> = [];
    for (const [i, text] of [
      '你们乱扣我话费整整三个月!气死我了!!我要投诉,马上给我转人工!',
      '宽带断网三天了!!气死我了,我要投诉,马上给我转人工!',
      '营业厅服务态度太差了!!气死我了,我要投诉,马上给我转人工!',
    ].entries()) {
      const { client, session } = await connectChat(first.url);
      clients.push(client);
      const queued = until<HandoffStatus>(client, 'handoff', (s) => s.state === 'queued');
      client.emit('message', { text, clientMessageId: `k-${i}` }, () => undefined);
      await queued;
      customers.push({ client, sessionId: session.sessionId });
    }
    const before = (await api(first.url, '/queue', { token: amy })).body['items'] as QueueItem[];
    expect(before).toHaveLength(3);
    const chatting = before.find((i) =>
      i.summary.transcript.some((m) => m.text.startsWith('你们乱扣我话费')),
    );
    const id = chatting?.id ?? '';
    expect((await api(first.url, `/handoffs/${id}/claim`, { token: amy, body: {} })).status).toBe(
      200,
    );
    const [customer] = customers;
    const reply = until<Message>(customer!.client, 'message', (m) => m.from === 'agent');
    await api(first.url, `/handoffs/${id}/messages`, {
      token: amy,
      body: { text: '我来处理,请稍等' },
    });
    await reply;
    const ack = await customer!.client.emitWithAck('message', {
      text: '好的我等着',
      clientMessageId: 'k-mid',
    });
    expect(ack).toMatchObject({ ok: true });

    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    for (const client of clients.splice(0)) client.disconnect();

    const second = await startServer(env);
    children.push(second.child);
    const after = (await api(second.url, '/queue', { token: amy })).body['items'] as QueueItem[];
    expect(after.map((i) => i.id).sort()).toEqual(
      before
        .filter((i) => i.id !== id)
        .map((i) => i.id)
        .sort(),
    );
    const me = await api(second.url, '/me', { token: amy });
    expect(me.body['assigned']).toEqual([{ id, ticketId: chatting?.ticketId }]);
    const detail = (await api(second.url, `/handoffs/${id}`, { token: amy }))
      .body as unknown as HandoffDetail;
    expect(detail.state).toBe('assigned');
    const texts = detail.transcript.map((m) => m.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        '你们乱扣我话费整整三个月!气死我了!!我要投诉,马上给我转人工!',
        '我来处理,请稍等',
        '好的我等着',
      ]),
    );

    const { client, session } = await connectChat(second.url, { sessionId: customer!.sessionId });
    clients.push(client);
    expect(session.history.map((m) => m.text)).toEqual(texts);
    const resumed = until<Message>(client, 'message', (m) => m.from === 'agent');
    expect(
      (await api(second.url, `/handoffs/${id}/messages`, { token: amy, body: { text: '已核实' } }))
        .status,
    ).toBe(200);
    expect((await resumed).text).toBe('已核实');
  });
});
