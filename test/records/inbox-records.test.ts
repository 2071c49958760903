import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { loadEnv } from '../../src/config/env.js';
import { InboxPage } from '../../src/handoff/inbox.js';
import { Handoff } from '../../src/handoff/handoff.js';
import { productOptions } from '../../src/product.js';
import { api, login } from '../handoff/harness.js';
import { connectChat, startTestApp } from '../support/test-app.js';

const ENV = {
  RECORDS: 'database',
  DATA_DIR: 'memory://',
  AGENT_SEED: 'amy:secret-amy',
  AGENT_ADMINS: '',
};

/** With the system of record on, labels and the waiting mark reach the archived handoff and the audit log. */
describe('inbox over the system of record', { timeout: 90_000 }, () => {
  let app: App;
  let url: string;
  beforeAll(async () => {
    const env = loadEnv({ LOG_LEVEL: 'silent', ...ENV });
    const started = await startTestApp(ENV, await productOptions(env, pino({ level: 'silent' })));
    ({ app, url } = started);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('archives the labelled, waited-on and closed case, and lists it under 已关闭', async () => {
    const { client } = await connectChat(url);
    await client.emitWithAck('message', {
      text: '你们乱扣我话费三个月了!气死我了!!马上给我转人工!',
      clientMessageId: randomUUID(),
    });
    const amy = await login(url, 'amy');
    let queued: InboxPage | undefined;
    await expect
      .poll(
        async () => {
          queued = InboxPage.parse((await api(url, '/inbox?view=queue', { token: amy })).body);
          return queued.counts.queue;
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    const id = queued?.items[0]?.id ?? '';
    expect((await api(url, `/handoffs/${id}/claim`, { token: amy, body: {} })).status).toBe(200);
    const labelled = await api(url, `/handoffs/${id}/labels`, {
      token: amy,
      body: { add: ['退款'] },
    });
    expect(labelled.status).toBe(200);
    const waiting = await api(url, `/handoffs/${id}/status`, {
      token: amy,
      body: { status: 'waiting_customer' },
    });
    expect(waiting.body['waiting']).toBe('customer');
    const closed = await api(url, `/handoffs/${id}/close`, {
      token: amy,
      body: { resolution: 'refunded' },
    });
    expect(closed.status).toBe(200);
    client.disconnect();

    const page = InboxPage.parse((await api(url, '/inbox?view=closed', { token: amy })).body);
    expect(page.counts.closed).toBe(1);
    expect(page.items[0]).toMatchObject({ id, labels: ['退款'], resolution: 'refunded' });

    await app.context.records?.sink.drain();
    const db = app.context.records?.database.db;
    if (db === undefined) throw new Error('no records');
    const row = await db
      .selectFrom('handoffs')
      .select(['body', 'state'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const body: unknown = typeof row.body === 'string' ? JSON.parse(row.body) : row.body;
    const archived = Handoff.parse(body);
    expect(row.state).toBe('closed');
    expect(archived.labels).toEqual(['退款']);
    expect(archived.waiting).toBeUndefined();
    const audited = await db
      .selectFrom('audit_log')
      .select(['actor', 'action'])
      .where('target_id', '=', id)
      .execute();
    expect(audited.map((a) => `${a.actor} ${a.action}`)).toEqual(
      expect.arrayContaining(['amy handoff.labels', 'amy handoff.waiting', 'amy handoff.close']),
    );
  });
});
