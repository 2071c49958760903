import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { loadEnv } from '../../src/config/env.js';
import type { Message } from '../../src/domain/message.js';
import { productOptions } from '../../src/product.js';
import { login } from '../handoff/harness.js';
import { connectChat, startTestApp, type ChatClient } from '../support/test-app.js';

const ENV = {
  RECORDS: 'database',
  DATA_DIR: 'memory://',
  AGENT_SEED: 'amy:secret-amy,root:secret-root',
  AGENT_ADMINS: 'root',
};

async function call(url: string, path: string, options: { token?: string; body?: unknown } = {}) {
  const response = await fetch(`${url}${path}`, {
    method: options.body === undefined ? 'GET' : 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function until(client: ChatClient, match: (m: Message) => boolean): Promise<Message> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no matching message')), 15_000);
    client.on('message', (message) => {
      if (!match(message)) return;
      clearTimeout(timer);
      resolve(message);
    });
  });
}

describe('records API over the product', { timeout: 90_000 }, () => {
  let app: App;
  let url: string;
  let ticketId: string;
  let amy: string;
  let root: string;
  beforeAll(async () => {
    const env = loadEnv({ LOG_LEVEL: 'silent', ...ENV });
    const started = await startTestApp(ENV, await productOptions(env, pino({ level: 'silent' })));
    app = started.app;
    url = started.url;
    const { client } = await connectChat(url);
    const told = until(client, (m) => m.meta?.ticketId !== undefined);
    await client.emitWithAck('message', {
      text: '你们乱扣我话费三个月了!气死我了!!我的号码13800138000,马上给我转人工!',
      clientMessageId: randomUUID(),
    });
    ticketId = (await told).meta?.ticketId ?? '';
    client.disconnect();
    amy = await login(url, 'amy');
    root = await login(url, 'root');
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers 401 without a token and 403 to an agent on admin routes', async () => {
    expect((await call(url, '/api/agent/search')).status).toBe(401);
    expect(
      (await call(url, '/api/admin/customers/export?phone=13800138000', { token: amy })).status,
    ).toBe(403);
    expect(
      (
        await call(url, '/api/admin/customers/erase', {
          token: amy,
          body: { phone: '13800138000' },
        })
      ).status,
    ).toBe(403);
  });

  it('finds the ticket filed in the chat by number and by phone, with the phone masked', async () => {
    const byNumber = await call(url, `/api/agent/search?q=${ticketId.toLowerCase()}`, {
      token: amy,
    });
    expect(byNumber.status).toBe(200);
    expect(byNumber.body['items']).toMatchObject([
      { id: ticketId, status: 'open', channel: 'webchat' },
    ]);
    const byPhone = await call(url, '/api/agent/search?q=%2B86%20138%200013%208000', {
      token: amy,
    });
    expect(byPhone.body['items']).toMatchObject([{ id: ticketId, phone: '86138****8000' }]);
  });

  it('refuses a bad query with a message naming the field', async () => {
    const bad = await call(url, '/api/agent/search?status=lost', { token: amy });
    expect(bad.status).toBe(400);
    expect(String(bad.body['error'])).toMatch(/^status:/);
    const vague = await call(url, '/api/agent/search?q=hello', { token: amy });
    expect(vague.status).toBe(400);
    expect(String(vague.body['error'])).toMatch(/ticket number/);
    const both = await call(url, '/api/agent/customers?phone=1&conversationId=x', { token: amy });
    expect(both.status).toBe(400);
  });

  it("records the turns' readings and the rule that fired as analytics events", async () => {
    await app.context.records?.sink.drain();
    const db = app.context.records?.database.db;
    if (db === undefined) throw new Error('no records');
    const rows = await db
      .selectFrom('analytics_events')
      .select(['kind', 'emotion', 'label', 'ticket_id'])
      .execute();
    expect(rows.filter((r) => r.kind === 'turn').map((r) => r.emotion)).toContain('angry');
    const fired = rows.find((r) => r.kind === 'rule_fired');
    expect(fired?.ticket_id).toBe(ticketId);
    expect(fired?.label).toMatch(/\w+/);
  });

  it('lets an admin export the customer, then erase them, both audited', async () => {
    const exported = await call(url, '/api/admin/customers/export?phone=13800138000', {
      token: root,
    });
    expect(exported.status).toBe(200);
    expect((exported.body['tickets'] as { id: string }[]).map((t) => t.id)).toEqual([ticketId]);
    const erased = await call(url, '/api/admin/customers/erase', {
      token: root,
      body: { phone: '13800138000' },
    });
    expect(erased).toMatchObject({
      status: 200,
      body: { erased: { tickets: 1, conversations: 1 } },
    });
    expect(
      (await call(url, `/api/agent/search?q=${ticketId}`, { token: amy })).body['items'],
    ).toEqual([]);
    const from = new Date(Date.now() - 3600_000).toISOString();
    const to = new Date(Date.now() + 3600_000).toISOString();
    const audit = await call(url, `/api/admin/audit?from=${from}&to=${to}`, { token: root });
    expect(
      (audit.body['items'] as { action: string; actor: string }[]).map(
        (e) => `${e.actor}:${e.action}`,
      ),
    ).toEqual(expect.arrayContaining(['root:customer.export', 'root:customer.erase']));
  });
});
