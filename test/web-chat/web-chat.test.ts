import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { WebChatSessions } from '../../src/channels/web/web-chat.sessions.js';
import { NAUGHTY_STRINGS } from '../fixtures/naughty-strings.js';
import { connectChat, startTestApp, type ChatClient } from '../support/test-app.js';

describe('web chat over a real socket.io server (embedded mode)', () => {
  let app: App;
  let url: string;
  const clients: ChatClient[] = [];
  const open = async (auth: Record<string, unknown> = {}) => {
    const connected = await connectChat(url, auth);
    clients.push(connected.client);
    return connected;
  };

  const conversationOf = async (sessionId: string): Promise<string> => {
    const found = await new WebChatSessions(app.context.storage).find(sessionId);
    if (!found) throw new Error('unknown session');
    return found.conversationId;
  };

  beforeAll(async () => {
    ({ app, url } = await startTestApp({ CHAT_RATE_LIMIT: '100' }));
  });
  afterAll(async () => {
    clients.forEach((c) => c.disconnect());
    await app.close();
  });

  it('starts a new session with an unguessable id, no history, and a greeting', async () => {
    const { session, box } = await open({ lang: 'zh' });
    expect(session.sessionId).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(session.history).toEqual([]);
    const [greeting] = await box.next();
    expect(greeting?.from).toBe('bot');
    expect(greeting?.text).toMatch(/倾听/);
    expect(greeting?.meta?.suggestions?.length).toBeGreaterThan(0);
  });

  it('answers a customer message, and a known session resumes with its history', async () => {
    const { client, session, box } = await open({ lang: 'en' });
    await box.next();
    const ack = await client.emitWithAck('message', {
      text: 'My bill is wrong',
      clientMessageId: randomUUID(),
    });
    if (!ack.ok) throw new Error(`refused: ${ack.error}`);
    const [answer] = await box.next();
    expect(answer?.from).toBe('bot');
    expect(answer?.text).not.toContain('My bill is wrong');
    client.disconnect();

    const resumed = await open({ sessionId: session.sessionId });
    expect(resumed.session.sessionId).toBe(session.sessionId);
    expect(resumed.session.history.map((m) => m.from)).toEqual(['bot', 'customer', 'bot']);
    expect(resumed.session.history[1]).toMatchObject({ text: 'My bill is wrong', id: ack.id });
  });

  it('gives an unknown or malformed session id a new session', async () => {
    const unknown = await open({ sessionId: 'A'.repeat(32) });
    expect(unknown.session.sessionId).not.toBe('A'.repeat(32));
    const malformed = await open({ sessionId: { $ne: null } });
    expect(malformed.session.history).toEqual([]);
  });

  it('delivers replies to every open tab of the conversation', async () => {
    const first = await open({ lang: 'zh' });
    const firstBox = first.box;
    await firstBox.next();
    // A session is stored at its first message; only then can another tab resume it.
    await first.client.emitWithAck('message', { text: '你好', clientMessageId: randomUUID() });
    await firstBox.next(firstBox.messages.length - 1);
    const second = await open({ sessionId: first.session.sessionId });
    const secondBox = second.box;
    await second.client.emitWithAck('message', {
      text: '宽带断了三天',
      clientMessageId: randomUUID(),
    });
    const [echo, a] = await firstBox.next(2);
    const [b] = await secondBox.next();
    expect(echo).toMatchObject({ from: 'customer', text: '宽带断了三天' });
    expect(a?.from).toBe('bot');
    expect(a?.id).toBe(b?.id);
    expect(secondBox.messages.filter((m) => m.from === 'customer')).toHaveLength(0);
  });

  it('processes a retried clientMessageId once and acks it with the same id', async () => {
    const { client, session, box } = await open();
    await box.next();
    const clientMessageId = randomUUID();
    const payload = { text: '重复发送', clientMessageId };
    const [one, two] = await Promise.all([
      client.emitWithAck('message', payload),
      client.emitWithAck('message', payload),
    ]);
    expect(one).toEqual(two);
    await box.next();
    const history = await app.context.transcript.list(await conversationOf(session.sessionId));
    expect(history.filter((m) => m.from === 'customer')).toHaveLength(1);
  });

  it('refuses over-long, empty, non-string and malformed messages without processing them', async () => {
    const { client, session, box } = await open();
    await box.next();
    const send = (payload: unknown) =>
      (client as unknown as { emitWithAck(e: string, p: unknown): Promise<unknown> }).emitWithAck(
        'message',
        payload,
      );
    expect(await send({ text: 'x'.repeat(4001), clientMessageId: 'a' })).toEqual({
      ok: false,
      error: 'too_long',
    });
    expect(await send({ text: '字'.repeat(4000), clientMessageId: 'b' })).toMatchObject({
      ok: true,
    });
    expect(await send({ text: '   ', clientMessageId: 'c' })).toEqual({
      ok: false,
      error: 'empty',
    });
    expect(await send({ text: 42, clientMessageId: 'd' })).toEqual({
      ok: false,
      error: 'invalid_payload',
    });
    expect(await send('hello')).toEqual({ ok: false, error: 'invalid_payload' });
    expect(await send({ text: 'no id' })).toEqual({ ok: false, error: 'invalid_payload' });
    expect(await send(null)).toEqual({ ok: false, error: 'invalid_payload' });
    const customer = (
      await app.context.transcript.list(await conversationOf(session.sessionId))
    ).filter((m) => m.from === 'customer');
    expect(customer.map((m) => m.text.length)).toEqual([4000]);
  });

  it('survives naughty strings and answers each one', async () => {
    const { client, box } = await open();
    await box.next();
    for (const text of NAUGHTY_STRINGS) {
      const ack = await client.emitWithAck('message', { text, clientMessageId: randomUUID() });
      expect(ack.ok || ack.error === 'empty').toBe(true);
      if (ack.ok) expect((await box.next())[0]?.from).toBe('bot');
    }
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
  });

  it('ignores a message sent without an acknowledgement callback', async () => {
    const { client, box } = await open();
    await box.next();
    (client as unknown as { emit(e: string, p: unknown): void }).emit('message', {
      text: 'fire and forget',
      clientMessageId: randomUUID(),
    });
    const ack = await client.emitWithAck('message', {
      text: 'with ack',
      clientMessageId: randomUUID(),
    });
    expect(ack.ok).toBe(true);
    const [answer] = await box.next();
    expect(answer?.from).toBe('bot');
    expect(box.messages).toHaveLength(2);
  });

  it('rate-limits a session and answers the same way', async () => {
    const limited = await startTestApp({ CHAT_RATE_LIMIT: '3' });
    try {
      const { client } = await connectChat(limited.url);
      clients.push(client);
      const results = [];
      for (let i = 0; i < 5; i += 1) {
        results.push(
          await client.emitWithAck('message', { text: `消息 ${i}`, clientMessageId: randomUUID() }),
        );
      }
      expect(results.map((r) => r.ok)).toEqual([true, true, true, false, false]);
      expect(results[4]).toEqual({ ok: false, error: 'rate_limited' });
    } finally {
      await limited.app.close();
    }
  });

  it('delivers proactive messages and handoff status through CustomerDelivery', async () => {
    const { client, session, box } = await open();
    await box.next();
    await client.emitWithAck('message', { text: '你好', clientMessageId: randomUUID() });
    await box.next(box.messages.length - 1);
    const conversationId = await conversationOf(session.sessionId);
    const handoff = new Promise((resolve) => client.once('handoff', resolve));
    await app.context.delivery.notifyHandoff(conversationId, {
      state: 'queued',
      position: 2,
      etaSeconds: 120,
    });
    expect(await handoff).toEqual({ state: 'queued', position: 2, etaSeconds: 120 });
    const sent = await app.context.delivery.send(conversationId, {
      from: 'agent',
      text: '您好,我是客服小王',
    });
    const [received] = await box.next();
    expect(received).toEqual(sent);
    expect((await app.context.transcript.list(conversationId)).at(-1)).toEqual(sent);
  });
});
