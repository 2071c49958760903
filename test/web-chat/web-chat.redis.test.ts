import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { WebChatSessions } from '../../src/channels/web/web-chat.sessions.js';
import {
  connectTestRedis,
  deleteByPrefix,
  redisAvailable,
  TEST_REDIS_URL,
  testPrefix,
} from '../support/redis.js';
import { connectChat, startTestApp, type ChatClient } from '../support/test-app.js';

/** Two app instances sharing one Redis, as behind a load balancer (DESIGN §5 Redis mode). */
describe.skipIf(!(await redisAvailable()))('web chat across two instances sharing Redis', () => {
  const prefix = testPrefix('web-chat');
  let a: { app: App; url: string };
  let b: { app: App; url: string };
  const clients: ChatClient[] = [];
  const open = async (url: string, auth: Record<string, unknown> = {}) => {
    const connected = await connectChat(url, auth);
    clients.push(connected.client);
    return connected;
  };

  /** A tab whose session is stored (its first message answered), so other tabs can resume it. */
  const started = async (url: string) => {
    const tab = await open(url);
    await tab.box.next();
    await tab.client.emitWithAck('message', { text: '你好', clientMessageId: randomUUID() });
    await tab.box.next(tab.box.messages.length - 1);
    return tab;
  };

  beforeAll(async () => {
    const env = { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, CHAT_RATE_LIMIT: '3' };
    [a, b] = await Promise.all([startTestApp(env), startTestApp(env)]);
  });
  afterAll(async () => {
    clients.forEach((client) => client.disconnect());
    await Promise.all([a?.app.close(), b?.app.close()]);
    const redis = await connectTestRedis();
    await deleteByPrefix(redis, prefix);
    await redis.close();
  });

  it('is ready when Redis answers', async () => {
    const response = await fetch(`${a.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', checks: { redis: 'ok' } });
  });

  it('resumes a session on the other instance with its history, and replies reach tabs on both', async () => {
    const first = await open(a.url, { lang: 'zh' });
    await first.box.next();
    await first.client.emitWithAck('message', {
      text: '我要投诉乱扣费',
      clientMessageId: randomUUID(),
    });
    await first.box.next(1);

    const second = await open(b.url, { sessionId: first.session.sessionId });
    expect(second.session.sessionId).toBe(first.session.sessionId);
    expect(second.session.history.map((m) => m.from)).toEqual(['bot', 'customer', 'bot']);
    expect(second.session.history[1]?.text).toBe('我要投诉乱扣费');

    const ack = await second.client.emitWithAck('message', {
      text: '是上个月的话费',
      clientMessageId: randomUUID(),
    });
    expect(ack.ok).toBe(true);
    const [onB] = await second.box.next();
    const [echoOnA, onA] = await first.box.next(2);
    expect(echoOnA).toMatchObject({ from: 'customer', text: '是上个月的话费' });
    expect(onB?.from).toBe('bot');
    expect(onA).toEqual(onB);
  });

  it('processes a clientMessageId retried on the other instance only once', async () => {
    const first = await started(a.url);
    const second = await open(b.url, { sessionId: first.session.sessionId });
    const payload = { text: '网络断了', clientMessageId: randomUUID() };
    const one = await first.client.emitWithAck('message', payload);
    const two = await second.client.emitWithAck('message', payload);
    expect(two).toEqual(one);
    const session = await new WebChatSessions(a.app.context.storage).find(first.session.sessionId);
    const transcript = await b.app.context.transcript.list(session?.conversationId ?? '');
    expect(transcript.filter((m) => m.text === '网络断了')).toHaveLength(1);
  });

  it('counts one rate limit per session across instances', async () => {
    const first = await started(a.url);
    const second = await open(b.url, { sessionId: first.session.sessionId });
    const acks = [{ ok: true }];
    for (const client of [second.client, first.client, second.client]) {
      acks.push(
        await client.emitWithAck('message', { text: '还没好', clientMessageId: randomUUID() }),
      );
    }
    expect(acks.map((ack) => ack.ok)).toEqual([true, true, true, false]);
    expect(acks[3]).toEqual({ ok: false, error: 'rate_limited' });
  });

  it('delivers a proactive message sent on one instance to a tab on the other', async () => {
    const tab = await started(b.url);
    const session = await new WebChatSessions(a.app.context.storage).find(tab.session.sessionId);
    const conversationId = session?.conversationId ?? '';
    const handoff = new Promise((resolve) => tab.client.once('handoff', resolve));
    await a.app.context.delivery.notifyHandoff(conversationId, {
      state: 'assigned',
      agentName: '小王',
    });
    expect(await handoff).toEqual({ state: 'assigned', agentName: '小王' });
    const sent = await a.app.context.delivery.send(conversationId, {
      from: 'agent',
      text: '您好,我来帮您处理',
    });
    expect((await tab.box.next())[0]).toEqual(sent);
  });
});
