import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireAgent } from '../../src/agents/agent-auth.middleware.js';
import { SeededAgentDirectory } from '../../src/agents/agent-directory.js';
import { AgentTokens } from '../../src/agents/agent-tokens.js';
import { MemoryConfigVersions } from '../../src/config/memory.config-versions.js';
import type { AuditEntry } from '../../src/records/audit-entry.js';
import { createConfigRouter } from '../../src/records/config.router.js';

describe('configuration versions API (admin role)', () => {
  const audited: AuditEntry[] = [];
  let url: string;
  let close: () => void;
  let amy: string;
  let root: string;
  beforeAll(async () => {
    const directory = await SeededAgentDirectory.fromSeed('amy:secret-amy,root:secret-root', [
      'root',
    ]);
    const tokens = new AgentTokens('s'.repeat(32), 600, directory);
    amy = (await tokens.issue((await directory.find('amy'))!)).token;
    root = (await tokens.issue((await directory.find('root'))!)).token;
    const app = express().use(
      createConfigRouter({
        configs: new MemoryConfigVersions(),
        audit: { record: (entry) => Promise.resolve(void audited.push(entry)) },
        auth: requireAgent(tokens),
      }),
    );
    const server = app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  async function call(
    path: string,
    options: { token?: string; body?: unknown; method?: string } = {},
  ) {
    const response = await fetch(`${url}/api/admin/config${path}`, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers: {
        'content-type': 'application/json',
        ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('answers 401 without a token, 403 to an agent, 404 for an unknown kind', async () => {
    expect((await call('/flows')).status).toBe(401);
    expect((await call('/flows', { token: amy })).status).toBe(403);
    expect((await call('/flows', { token: amy, method: 'PUT', body: { body: 'x' } })).status).toBe(
      403,
    );
    expect((await call('/secrets', { token: root })).status).toBe(404);
  });

  it('saves drafts, publishes one, rolls back, and audits each change with its author', async () => {
    const put = (body: string) => call('/scripts', { token: root, method: 'PUT', body: { body } });
    expect((await put('greeting: 您好！')).status).toBe(201);
    const second = await put('greeting: 你好！');
    expect(second).toMatchObject({
      status: 201,
      body: { version: 2, status: 'draft', author: 'root' },
    });
    expect(await call('/scripts/publish', { token: root, body: { version: 1 } })).toMatchObject({
      status: 200,
      body: { ok: true, live: { version: 1, publishedBy: 'root' } },
    });
    expect(
      (await call('/scripts/publish', { token: root, body: { version: 2 } })).body,
    ).toMatchObject({
      retired: 1,
    });
    const listed = await call('/scripts', { token: root });
    expect(listed.body['live']).toMatchObject({ version: 2, body: 'greeting: 你好！' });
    const versions = listed.body['versions'] as Record<string, unknown>[];
    expect(versions.map((v) => [v['version'], v['status'], 'body' in v])).toEqual([
      [2, 'live', false],
      [1, 'retired', false],
    ]);
    expect((await call('/scripts/versions/1', { token: root })).body).toMatchObject({
      body: 'greeting: 您好！',
      status: 'retired',
    });
    expect((await call('/scripts/rollback', { token: root, body: {} })).body).toMatchObject({
      live: { version: 1 },
      retired: 2,
    });
    expect(audited.map((e) => [e.action, e.actor, e.targetId, e.detail['version']])).toEqual([
      ['config.draft', 'root', 'scripts', 1],
      ['config.draft', 'root', 'scripts', 2],
      ['config.publish', 'root', 'scripts', 1],
      ['config.publish', 'root', 'scripts', 2],
      ['config.rollback', 'root', 'scripts', 1],
    ]);
  });

  it('answers 400 naming the field, 404 for an unknown version, 409 when nothing changes', async () => {
    const empty = await call('/rules', { token: root, method: 'PUT', body: { body: '' } });
    expect(empty.status).toBe(400);
    expect(empty.body['error']).toMatch(/^body:/);
    const extra = await call('/rules', {
      token: root,
      method: 'PUT',
      body: { body: 'x', by: 'eve' },
    });
    expect(extra.body['error']).toMatch(/^by:/);
    expect((await call('/rules/publish', { token: root, body: { version: 'one' } })).status).toBe(
      400,
    );
    expect((await call('/rules/publish', { token: root, body: { version: 7 } })).status).toBe(404);
    expect((await call('/rules/versions/7', { token: root })).status).toBe(404);
    expect((await call('/rules/rollback', { token: root, body: {} })).body).toEqual({
      error: 'nothing_to_roll_back',
      reason: 'nothing_to_roll_back',
    });
    const before = audited.length;
    await call('/rules', { token: root, method: 'PUT', body: { body: 'x' } });
    await call('/rules/publish', { token: root, body: { version: 1 } });
    expect((await call('/rules/publish', { token: root, body: { version: 1 } })).status).toBe(409);
    expect(audited.length - before).toBe(2);
  });
});
