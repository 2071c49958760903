import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { HandoffStatus } from '../../src/channels/customer-delivery.port.js';
import type { Message } from '../../src/domain/message.js';
import type { QueueItem } from '../../src/handoff/agent-events.js';
import { redisAvailable, TEST_REDIS_URL } from '../support/redis.js';
import { redisScope } from '../support/redis-scope.js';
import { connectChat, type ChatClient } from '../support/test-app.js';
import { agentSocket, api, login, type AgentSocket } from './harness.js';
import { startIntakeApp } from './round-trip.support.js';

function waitFor<T>(register: (resolve: (value: T) => void) => void, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 8000);
    register((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

function nextMessage(
  client: ChatClient,
  match: (m: Message) => boolean,
  what: string,
): Promise<Message> {
  return waitFor<Message>((resolve) => {
    const listener = (message: Message): void => {
      if (!match(message)) return;
      client.off('message', listener);
      resolve(message);
    };
    client.on('message', listener);
  }, what);
}

function nextStatus(client: ChatClient, state: HandoffStatus['state']): Promise<HandoffStatus> {
  return waitFor<HandoffStatus>((resolve) => {
    const listener = (status: HandoffStatus): void => {
      if (status.state !== state) return;
      client.off('handoff', listener);
      resolve(status);
    };
    client.on('handoff', listener);
  }, `handoff ${state}`);
}

/** Customer angry → queued with summary → two agents race → messages both ways → private note → close → survey. */
async function roundTrip(url: string, closers: Array<{ close(): unknown }>): Promise<void> {
  const [amy, bob] = [await login(url, 'amy'), await login(url, 'bob')];
  const amySocket: AgentSocket = await agentSocket(url, amy);
  const bobSocket: AgentSocket = await agentSocket(url, bob);
  closers.push({ close: () => amySocket.disconnect() }, { close: () => bobSocket.disconnect() });
  const { client, session: opened } = await connectChat(url);
  closers.push({ close: () => client.disconnect() });

  const queued = waitFor<QueueItem>(
    (resolve) => bobSocket.once('queue:added', resolve),
    'queue:added',
  );
  const customerQueued = nextStatus(client, 'queued');
  const complaint = '你们乱扣我话费整整三个月!气死我了!!我要投诉,马上给我转人工!';
  client.emit('message', { text: complaint, clientMessageId: 'm-1' }, () => undefined);
  const item = await queued;
  expect(item.summary.transcript.some((m) => m.from === 'customer' && m.text === complaint)).toBe(
    true,
  );
  expect(item.summary.emotion.current.emotion).toBe('angry');
  expect(item.summary.category).toBe('billing');
  expect(item.summary.suggestedFirstReply.length).toBeGreaterThan(10);
  expect((await customerQueued).position).toBe(1);

  const ticketUrl = `${url}/api/tickets/${item.ticketId}`;
  expect((await fetch(ticketUrl)).status).toBe(401);
  const ticket = await fetch(ticketUrl, { headers: { authorization: `Bearer ${amy}` } });
  expect(((await ticket.json()) as { handoffRule?: string }).handoffRule).toEqual(
    expect.any(String),
  );

  const claims = await Promise.all([
    api(url, `/handoffs/${item.id}/claim`, { token: amy, body: {} }),
    api(url, `/handoffs/${item.id}/claim`, { token: bob, body: {} }),
  ]);
  expect(claims.map((c) => c.status).sort()).toEqual([200, 409]);
  const [owner, other, ownerSocket] =
    claims[0]?.status === 200 ? [amy, bob, amySocket] : [bob, amy, bobSocket];

  const agentLine = nextMessage(client, (m) => m.from === 'agent', 'agent message');
  await api(url, `/handoffs/${item.id}/messages`, {
    token: owner,
    body: { text: '您好,我是客服,马上为您核实扣费。' },
  });
  expect((await agentLine).text).toBe('您好,我是客服,马上为您核实扣费。');
  expect(
    (await api(url, `/handoffs/${item.id}/messages`, { token: other, body: { text: 'x' } })).status,
  ).toBe(403);

  const botLines: Message[] = [];
  client.on('message', (m) => {
    if (m.from === 'bot') botLines.push(m);
  });
  const forwarded = waitFor<{ message: Message }>(
    (resolve) => ownerSocket.once('customer:message', resolve),
    'forward',
  );
  client.emit('message', { text: '那什么时候能退回来?', clientMessageId: 'm-2' }, () => undefined);
  expect((await forwarded).message.text).toBe('那什么时候能退回来?');

  expect(
    (
      await api(url, `/handoffs/${item.id}/notes`, {
        token: owner,
        body: { text: 'INTERNAL 疑似重复扣费' },
      })
    ).status,
  ).toBe(200);

  const closed = nextStatus(client, 'closed');
  const survey = nextMessage(client, (m) => m.meta?.act === 'survey', 'survey');
  expect(
    (
      await api(url, `/handoffs/${item.id}/close`, {
        token: owner,
        body: { resolution: 'refunded' },
      })
    ).status,
  ).toBe(200);
  await closed;
  expect((await survey).meta?.suggestions).toEqual(['1', '2', '3', '4', '5']);
  expect(botLines.filter((m) => m.meta?.act !== 'survey')).toEqual([]);

  const thanks = nextMessage(
    client,
    (m) => m.from === 'bot' && m.meta?.act === 'close',
    'survey thanks',
  );
  client.emit('message', { text: '5 处理得很快', clientMessageId: 'm-3' }, () => undefined);
  await thanks;
  const detail = await api(url, `/handoffs/${item.id}`, { token: owner });
  expect(detail.body['survey']).toMatchObject({ rating: 5, comment: '处理得很快' });
  const transcript = detail.body['transcript'] as Message[];
  expect(transcript.some((m) => m.text.includes('INTERNAL'))).toBe(false);
  expect(transcript.map((m) => m.text)).toEqual(
    expect.arrayContaining([complaint, '那什么时候能退回来?', '您好,我是客服,马上为您核实扣费。']),
  );
  const { client: again, session } = await connectChat(url, { sessionId: opened.sessionId });
  closers.push({ close: () => again.disconnect() });
  expect(session.history.map((m) => m.text)).toContain(complaint);
  expect(session.history.some((m) => m.text.includes('INTERNAL'))).toBe(false);
}

describe('handoff round trip (embedded)', () => {
  let app: App | undefined;
  const closers: Array<{ close(): unknown }> = [];
  afterEach(async () => {
    for (const c of closers.splice(0)) c.close();
    await app?.close();
  });

  it('goes from an angry customer to a survey answer', async () => {
    const started = await startIntakeApp({});
    app = started.app;
    await roundTrip(started.url, closers);
  });
});

describe.runIf(await redisAvailable())('handoff round trip (Redis mode)', () => {
  const redis = redisScope('handoff-round-trip');
  let app: App | undefined;
  const closers: Array<{ close(): unknown }> = [];
  afterEach(async () => {
    for (const c of closers.splice(0)) c.close();
    await app?.close();
  });

  it('goes from an angry customer to a survey answer', async () => {
    redis.client();
    const started = await startIntakeApp({
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: redis.prefix(),
    });
    app = started.app;
    await roundTrip(started.url, closers);
  });
});
