import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPeopleRouter } from '../../src/admin/people.router.js';
import { SeededAgentDirectory } from '../../src/agents/agent-directory.js';
import { auditEntry } from '../../src/records/audit-entry.js';
import type { App } from '../../src/app.js';
import { agentSocket, api, draft, login } from '../handoff/harness.js';
import { startTestApp } from '../support/test-app.js';

type Reply = { status: number; body: Record<string, unknown> };

async function call(
  url: string,
  path: string,
  options: { token?: string; body?: unknown; method?: string } = {},
): Promise<Reply> {
  const response = await fetch(`${url}${path}`, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers: {
      'content-type': 'application/json',
      ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? {} : (JSON.parse(text) as Reply['body']) };
}

describe('admin people, audit and system API', { timeout: 120_000 }, () => {
  let app: App;
  let url: string;
  let root: string;
  let amy: string;

  beforeAll(async () => {
    ({ app, url } = await startTestApp({
      RECORDS: 'database',
      DATA_DIR: 'memory://',
      AGENT_SEED: 'amy:secret-amy,root:secret-root',
      AGENT_ADMINS: 'root',
    }));
    [root, amy] = [await login(url, 'root'), await login(url, 'amy')];
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  async function queuedCase(conversationId: string): Promise<string> {
    const ticket = await app.context.tickets.create(draft(conversationId));
    await app.context.handoff.trigger.request({
      conversationId,
      ticketId: ticket.id,
      rule: 'anger',
      lang: 'zh',
      channel: 'web',
    });
    const queue = (await api(url, '/queue', { token: root })).body['items'] as Array<{
      id: string;
      ticketId: string;
    }>;
    return queue.find((item) => item.ticketId === ticket.id)?.id ?? '';
  }

  it('answers 401 without a token and 403 to an agent on every admin route', async () => {
    const routes: Array<[string, string, unknown?]> = [
      ['GET', '/api/admin/agents'],
      ['POST', '/api/admin/agents', { username: 'x', password: 'long-enough' }],
      ['PATCH', '/api/admin/agents/amy', { disabled: true }],
      ['GET', '/api/admin/groups'],
      ['POST', '/api/admin/groups', { name: 'x' }],
      ['DELETE', '/api/admin/groups/x'],
      ['GET', '/api/admin/system'],
      ['GET', '/api/admin/audit'],
    ];
    for (const [method, path, body] of routes) {
      expect((await call(url, path, { method, body })).status, `${method} ${path}`).toBe(401);
      const refused = await call(url, path, { method, body, token: amy });
      expect(refused, `${method} ${path}`).toEqual({
        status: 403,
        body: { error: 'admin role required' },
      });
    }
    expect(await app.context.handoff.directory.has('x')).toBe(false);
    expect(await app.context.handoff.directory.find('amy')).toMatchObject({ disabled: false });
  });

  it('refuses bad input with the field named and stores nothing', async () => {
    const before = (await call(url, '/api/admin/agents', { token: root })).body['items'];
    const bad: Array<[unknown, RegExp]> = [
      [{ username: 'dan', password: 'short' }, /^password: password shorter than 8/],
      [{ username: '<dan>', password: 'long-enough' }, /^username: /],
      [{ username: 'dan', password: 'long-enough', role: 'owner' }, /^role: /],
      [{ username: 'dan', password: 'long-enough', capacity: 0 }, /^capacity: /],
      [{ username: 'dan', password: 'long-enough', admin: true }, /^admin: /],
    ];
    for (const [body, error] of bad) {
      const reply = await call(url, '/api/admin/agents', { token: root, body });
      expect(reply.status).toBe(400);
      expect(String(reply.body['error'])).toMatch(error);
    }
    expect((await call(url, '/api/admin/agents', { token: root })).body['items']).toEqual(before);
    const patch = (body: unknown, who = 'amy') =>
      call(url, `/api/admin/agents/${who}`, { token: root, method: 'PATCH', body });
    expect((await patch({ capacity: 1.5 })).status).toBe(400);
    expect((await patch({ password: 'short' })).status).toBe(400);
    expect((await patch({ groups: ['ok', 'not ok'] })).status).toBe(400);
    expect((await patch({ role: 'admin' }, 'nobody')).status).toBe(404);
    expect(await patch({ disabled: true }, 'root')).toEqual({
      status: 409,
      body: {
        error: 'you cannot disable your own account or remove your own admin role',
        reason: 'own_account',
      },
    });
    expect((await patch({ role: 'agent' }, 'root')).status).toBe(409);
    expect(await app.context.handoff.directory.find('root')).toMatchObject({
      role: 'admin',
      disabled: false,
    });
    const group = await call(url, '/api/admin/groups', { token: root, body: { name: 'a b' } });
    expect(group.status).toBe(400);
  });

  it('creates an agent who logs in at once; changes, groups and capacity hold', async () => {
    const created = await call(url, '/api/admin/agents', {
      token: root,
      body: { username: 'cat', password: 'secret-cat', displayName: '小猫', groups: ['billing'] },
    });
    expect(created).toEqual({
      status: 201,
      body: {
        agent: {
          username: 'cat',
          role: 'agent',
          disabled: false,
          displayName: '小猫',
          groups: ['billing'],
        },
      },
    });
    expect(
      (
        await call(url, '/api/admin/agents', {
          token: root,
          body: { username: 'cat', password: 'another-one' },
        })
      ).status,
    ).toBe(409);
    const cat = await login(url, 'cat');
    expect((await api(url, '/me', { token: cat })).status).toBe(200);

    const changed = await call(url, '/api/admin/agents/cat', {
      token: root,
      method: 'PATCH',
      body: { displayName: '猫猫', groups: ['billing', 'vip'], capacity: 1 },
    });
    expect(changed.body['agent']).toMatchObject({ displayName: '猫猫', capacity: 1 });
    expect((await call(url, '/api/admin/groups', { token: root })).body['items']).toEqual([
      { name: 'billing', members: ['cat'] },
      { name: 'vip', members: ['cat'] },
    ]);
    // Capacity 1: a second claim is refused while the first case is owned.
    const [first, second] = [await queuedCase('cap-1'), await queuedCase('cap-2')];
    expect((await api(url, `/handoffs/${first}/claim`, { token: cat, body: {} })).status).toBe(200);
    expect(await api(url, `/handoffs/${second}/claim`, { token: cat, body: {} })).toMatchObject({
      status: 409,
      body: { reason: 'at_capacity' },
    });
    await api(url, `/handoffs/${first}/close`, { token: cat, body: { resolution: 'refunded' } });

    const renamed = await call(url, '/api/admin/groups/vip', {
      token: root,
      method: 'PATCH',
      body: { displayName: '贵宾' },
    });
    expect(renamed.body['group']).toEqual({ name: 'vip', displayName: '贵宾', members: ['cat'] });
    expect(
      (await call(url, '/api/admin/groups', { token: root, body: { name: 'network' } })).status,
    ).toBe(201);
    expect(
      (await call(url, '/api/admin/groups', { token: root, body: { name: 'network' } })).status,
    ).toBe(409);
    expect(
      (await call(url, '/api/admin/groups/network', { token: root, method: 'DELETE' })).status,
    ).toBe(204);
    expect(
      (await call(url, '/api/admin/groups/network', { token: root, method: 'DELETE' })).status,
    ).toBe(404);
  });

  it('a group takes a new name; its members and display name follow, a taken name is refused', async () => {
    await call(url, '/api/admin/groups', {
      token: root,
      body: { name: 'net', displayName: '网络' },
    });
    await call(url, '/api/admin/agents', {
      token: root,
      body: { username: 'ned', password: 'secret-ned', groups: ['net'] },
    });
    const rename = (from: string, body: unknown) =>
      call(url, `/api/admin/groups/${from}`, { token: root, method: 'PATCH', body });
    expect((await rename('net', {})).status).toBe(400);
    expect((await rename('net', { name: 'not ok' })).status).toBe(400);
    expect(await rename('net', { name: 'vip' })).toMatchObject({
      status: 409,
      body: { reason: 'taken' },
    });
    expect((await rename('nowhere', { name: 'x' })).status).toBe(404);
    const moved = await rename('net', { name: 'network', displayName: '网络组' });
    expect(moved).toEqual({
      status: 200,
      body: { group: { name: 'network', displayName: '网络组', members: ['ned'] } },
    });
    const groups = (await call(url, '/api/admin/groups', { token: root })).body['items'] as {
      name: string;
    }[];
    expect(groups.map((g) => g.name)).not.toContain('net');
    const ned = (
      (await call(url, '/api/admin/agents', { token: root })).body['items'] as {
        username: string;
        groups: string[];
      }[]
    ).find((a) => a.username === 'ned');
    expect(ned?.groups).toEqual(['network']);
  });

  it('a disable ends the agent’s console and token at once and requeues their case; a reset kills old tokens', async () => {
    await call(url, '/api/admin/agents', {
      token: root,
      body: { username: 'dee', password: 'secret-dee' },
    });
    const dee = await login(url, 'dee');
    const socket = await agentSocket(url, dee);
    const ended = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const id = await queuedCase('dee-1');
    expect((await api(url, `/handoffs/${id}/claim`, { token: dee, body: {} })).status).toBe(200);

    const disabled = await call(url, '/api/admin/agents/dee', {
      token: root,
      method: 'PATCH',
      body: { disabled: true },
    });
    expect(disabled.body['agent']).toMatchObject({ disabled: true });
    expect(await ended).toBe('io server disconnect');
    expect((await api(url, '/me', { token: dee })).status).toBe(401);
    expect(
      (await api(url, '/login', { body: { username: 'dee', password: 'secret-dee' } })).status,
    ).toBe(401);
    const queue = (await api(url, '/queue', { token: root })).body['items'] as Array<{
      id: string;
    }>;
    expect(queue.map((item) => item.id)).toContain(id);
    expect((await api(url, `/handoffs/${id}`, { token: root })).body).toMatchObject({
      state: 'queued',
    });

    // Re-enabled: the old token stays dead (the disable raised its version), a new login works.
    await call(url, '/api/admin/agents/dee', {
      token: root,
      method: 'PATCH',
      body: { disabled: false },
    });
    expect((await api(url, '/me', { token: dee })).status).toBe(401);
    const again = await login(url, 'dee');
    await call(url, '/api/admin/agents/dee', {
      token: root,
      method: 'PATCH',
      body: { password: 'brand-new-dee' },
    });
    expect((await api(url, '/me', { token: again })).status).toBe(401);
    expect(
      (await api(url, '/login', { body: { username: 'dee', password: 'brand-new-dee' } })).status,
    ).toBe(200);
  });

  it('the audit log has every change, filtered by actor, action and target, paged, without passwords', async () => {
    const page = (query: string) => call(url, `/api/admin/audit?${query}`, { token: root });
    const all = await page('actor=root&action=agent&limit=1000');
    const actions = (all.body['items'] as Array<{ action: string; targetId: string }>).map(
      (e) => `${e.action}:${e.targetId}`,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'agent.create:cat',
        'agent.update:cat',
        'agent.create:dee',
        'agent.disable:dee',
        'agent.enable:dee',
        'agent.password_reset:dee',
      ]),
    );
    expect(actions.every((a) => a.startsWith('agent.'))).toBe(true);
    expect(JSON.stringify(all.body)).not.toMatch(/secret|brand-new/);
    const dee = await page('target=dee&limit=1000');
    expect(
      (dee.body['items'] as Array<{ targetId: string }>).every((e) => e.targetId === 'dee'),
    ).toBe(true);

    const first = await page('target=dee&limit=2');
    expect(first.body['items']).toHaveLength(2);
    const next = String(first.body['next']);
    const second = await page(`target=dee&limit=2&before=${encodeURIComponent(next)}`);
    const ids = (reply: Reply) => (reply.body['items'] as Array<{ id: string }>).map((e) => e.id);
    expect([...ids(first), ...ids(second)]).toEqual(ids(dee).slice(0, 4));
    expect((await page('before=nonsense')).status).toBe(400);
    expect((await page('colour=red')).status).toBe(400);
  });

  it('the system view lists this instance, the web chat and the queue depth', async () => {
    const system = await call(url, '/api/admin/system', { token: root });
    expect(system.status).toBe(200);
    expect(system.body['channels']).toEqual([{ id: 'webchat', ok: true }]);
    expect(system.body['dependencies']).toEqual([{ name: 'database', ok: true }]);
    const instances = system.body['instances'] as Array<{
      pid: number;
      version: string;
      mode: string;
    }>;
    expect(instances).toHaveLength(1);
    expect(instances[0]).toMatchObject({ pid: process.pid, version: '0.1.0', mode: 'embedded' });
    const queued = ((await api(url, '/queue', { token: root })).body['items'] as unknown[]).length;
    expect(system.body['queue']).toMatchObject({ queued });
    expect(queued).toBeGreaterThan(0);
  });
});

describe('the last enabled admin', () => {
  /**
   * The router alone, with a caller whose own account is not in the directory: what a call sees
   * when another admin's account changed after their login check (two admins disabling each
   * other on two instances), so the guard is exercised deterministically.
   */
  async function router() {
    const directory = await SeededAgentDirectory.fromSeed('root:secret-root,amy:secret-amy', [
      'root',
    ]);
    const http = express();
    http.use(
      createPeopleRouter({
        directory,
        auth: (_req, res, next) => {
          res.locals['agent'] = { username: 'ops', role: 'admin' };
          next();
        },
        audit: (fields) => Promise.resolve(auditEntry(fields)),
        endSessions: () => undefined,
        requeueCasesOf: () => Promise.resolve(),
      }),
    );
    const server = http.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}`, directory, close: () => server.close() };
  }

  it('cannot be disabled or demoted (409 last_admin); other accounts can', async () => {
    const { url, directory, close } = await router();
    try {
      const patch = (who: string, body: unknown) =>
        call(url, `/api/admin/agents/${who}`, { method: 'PATCH', body });
      expect(await patch('root', { disabled: true })).toMatchObject({
        status: 409,
        body: { reason: 'last_admin' },
      });
      expect((await patch('root', { role: 'agent' })).body).toMatchObject({
        reason: 'last_admin',
      });
      expect(await directory.find('root')).toMatchObject({ role: 'admin', disabled: false });
      expect((await patch('amy', { disabled: true })).status).toBe(200);
      // With a second enabled admin, the first may step down.
      expect((await patch('amy', { disabled: false, role: 'admin' })).status).toBe(200);
      expect((await patch('root', { role: 'agent' })).status).toBe(200);
      expect((await patch('amy', { disabled: true })).body).toMatchObject({
        reason: 'last_admin',
      });
    } finally {
      close();
    }
  });
});
