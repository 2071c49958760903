import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { Message } from '../../src/domain/message.js';
import type { HandoffDetail, QueueItem } from '../../src/handoff/agent-events.js';
import { connectChat, type ChatClient } from '../support/test-app.js';
import { agentSocket, api, login, type AgentSocket } from './harness.js';
import { startIntakeApp } from './round-trip.support.js';

const settle = (ms = 400): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function next<T>(register: (resolve: (value: T) => void) => void, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 8000);
    register((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

function agentLine(client: ChatClient): Promise<Message> {
  return next<Message>((resolve) => {
    const listener = (message: Message): void => {
      if (message.from !== 'agent') return;
      client.off('message', listener);
      resolve(message);
    };
    client.on('message', listener);
  }, 'agent message');
}

/** SLA deadlines on the queue and the case; read receipts from the widget to the owning agent. */
describe('attention: SLA deadline and read receipts', () => {
  let app: App | undefined;
  const closers: Array<() => void> = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) close();
    await app?.close();
    app = undefined;
  });

  async function queuedCase() {
    let url: string;
    ({ app, url } = await startIntakeApp({ HANDOFF_SLA_MINUTES: '5,7,11,13' }));
    const [amy, bob] = [await login(url, 'amy'), await login(url, 'bob')];
    const amySocket: AgentSocket = await agentSocket(url, amy);
    const bobSocket: AgentSocket = await agentSocket(url, bob);
    const { client } = await connectChat(url);
    closers.push(
      () => amySocket.disconnect(),
      () => bobSocket.disconnect(),
      () => client.disconnect(),
    );
    const added = next<QueueItem>((resolve) => amySocket.once('queue:added', resolve), 'queued');
    const before = Date.now();
    client.emit(
      'message',
      {
        text: '你们乱扣我话费整整三个月!气死我了!!我要投诉,马上给我转人工!',
        clientMessageId: 'm-1',
      },
      () => undefined,
    );
    const item = await added;
    return { url, amy, bob, amySocket, bobSocket, client, item, before };
  }

  it('puts the SLA deadline of the case’s priority on the queue item and the case, and moves it when the case is queued again', async () => {
    const { url, amy, item, before } = await queuedCase();
    const minutes = { P1: 5, P2: 7, P3: 11, P4: 13 }[item.summary.severity];
    expect(item.slaMinutes).toBe(minutes);
    const due = Date.parse(item.slaDueAt);
    expect(due).toBeGreaterThanOrEqual(before + minutes * 60_000 - 1000);
    expect(due).toBeLessThanOrEqual(Date.now() + minutes * 60_000);
    const listed = await api(url, '/queue', { token: amy });
    expect((listed.body['items'] as QueueItem[])[0]?.slaDueAt).toBe(item.slaDueAt);

    expect((await api(url, `/handoffs/${item.id}/claim`, { token: amy, body: {} })).status).toBe(
      200,
    );
    const detail = (await api(url, `/handoffs/${item.id}`, { token: amy }))
      .body as unknown as HandoffDetail;
    expect(detail.slaDueAt).toBe(item.slaDueAt);
    expect(detail.slaMinutes).toBe(minutes);

    await settle(20);
    const requeuedAt = Date.now();
    const transferred = await api(url, `/handoffs/${item.id}/transfer`, {
      token: amy,
      body: { to: 'group:billing' },
    });
    expect(transferred.status).toBe(200);
    const again = (await api(url, '/queue', { token: amy })).body['items'] as QueueItem[];
    const requeued = again.find((i) => i.id === item.id);
    expect(Date.parse(requeued?.slaDueAt ?? '')).toBeGreaterThanOrEqual(
      requeuedAt + minutes * 60_000,
    );
    expect(requeued?.summary.slaDeadline).toBe(requeued?.slaDueAt);
  });

  it('tells only the owning agent what the customer has read, and drops a malformed or unknown receipt', async () => {
    const { url, amy, amySocket, bobSocket, client, item } = await queuedCase();
    expect((await api(url, `/handoffs/${item.id}/claim`, { token: amy, body: {} })).status).toBe(
      200,
    );
    const line = agentLine(client);
    const sent = await api(url, `/handoffs/${item.id}/messages`, {
      token: amy,
      body: { text: '您好，我是 amy' },
    });
    expect(sent.status).toBe(200);
    const delivered = await line;
    // The reply names the stored message, so the console can match the receipt to it.
    expect((sent.body['message'] as Message).id).toBe(delivered.id);

    const receipts: Array<[string, unknown]> = [];
    amySocket.on('customer:read', (event) => receipts.push(['amy', event]));
    bobSocket.on('customer:read', (event) => receipts.push(['bob', event]));
    client.emit('read', { upTo: 42 } as never);
    client.emit('read', { upTo: delivered.id, extra: true } as never);
    client.emit('read', { upTo: 'no-such-message' });
    await settle(1200);
    expect(receipts).toEqual([]);

    client.emit('read', { upTo: delivered.id });
    await settle(1200);
    expect(receipts).toEqual([
      ['amy', { handoffId: item.id, upTo: delivered.id, at: delivered.at }],
    ]);
    // Kept on the case, so a reloaded console still shows 已读.
    const detail = (await api(url, `/handoffs/${item.id}`, { token: amy }))
      .body as unknown as HandoffDetail;
    expect(detail.customerReadAt).toBe(delivered.at);
  });

  it('passes on at most one receipt a second, the newest one last', async () => {
    const { url, amy, amySocket, client, item } = await queuedCase();
    await api(url, `/handoffs/${item.id}/claim`, { token: amy, body: {} });
    const ids: string[] = [];
    for (const text of ['第一句', '第二句']) {
      const line = agentLine(client);
      await api(url, `/handoffs/${item.id}/messages`, { token: amy, body: { text } });
      ids.push((await line).id);
    }
    const receipts: string[] = [];
    amySocket.on('customer:read', ({ upTo }) => receipts.push(upTo));
    client.emit('read', { upTo: ids[0]! });
    client.emit('read', { upTo: ids[0]! });
    client.emit('read', { upTo: ids[1]! });
    await settle(300);
    expect(receipts).toEqual([ids[0]]);
    await settle(1200);
    expect(receipts).toEqual([ids[0], ids[1]]);
    // An older receipt (another tab, a late packet) never moves the read mark back.
    client.emit('read', { upTo: ids[0]! });
    await settle(1200);
    expect(receipts).toEqual([ids[0], ids[1]]);
    const detail = (await api(url, `/handoffs/${item.id}`, { token: amy }))
      .body as unknown as HandoffDetail;
    const second = detail.transcript.find((m) => m.id === ids[1]);
    expect(detail.customerReadAt).toBe(second?.at);
  });
});
