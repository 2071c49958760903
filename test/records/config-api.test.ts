import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireAgent } from '../../src/agents/agent-auth.middleware.js';
import { SeededAgentDirectory } from '../../src/agents/agent-directory.js';
import { AgentTokens } from '../../src/agents/agent-tokens.js';
import { MemoryConfigVersions } from '../../src/config/memory.config-versions.js';
import type { AuditEntry } from '../../src/records/audit-entry.js';
import { createConfigRouter } from '../../src/records/config.router.js';

/** Valid bodies: a bundle of one file each. */
const hoursBody = (opens: string) =>
  `# ==> business-hours.yaml <==\nhours: mon-fri ${opens}-18:00\ntimeZone: Asia/Shanghai\n`;
const FIRST = hoursBody('09:00');
const SECOND = hoursBody('08:30');
const RULES = '# ==> rules.yaml <==\nhandoff:\n  angerThreshold: 0.8\n';

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
    const put = (body: string) =>
      call('/business_hours', { token: root, method: 'PUT', body: { body } });
    expect((await put(FIRST)).status).toBe(201);
    const second = await put(SECOND);
    expect(second).toMatchObject({
      status: 201,
      body: { version: 2, status: 'draft', author: 'root' },
    });
    expect(
      await call('/business_hours/publish', { token: root, body: { version: 1 } }),
    ).toMatchObject({
      status: 200,
      body: { ok: true, live: { version: 1, publishedBy: 'root' } },
    });
    expect(
      (await call('/business_hours/publish', { token: root, body: { version: 2 } })).body,
    ).toMatchObject({
      retired: 1,
    });
    const listed = await call('/business_hours', { token: root });
    expect(listed.body['live']).toMatchObject({ version: 2, body: SECOND });
    const versions = listed.body['versions'] as Record<string, unknown>[];
    expect(versions.map((v) => [v['version'], v['status'], 'body' in v])).toEqual([
      [2, 'live', false],
      [1, 'retired', false],
    ]);
    expect((await call('/business_hours/versions/1', { token: root })).body).toMatchObject({
      body: FIRST,
      status: 'retired',
    });
    expect((await call('/business_hours/rollback', { token: root, body: {} })).body).toMatchObject({
      live: { version: 1 },
      retired: 2,
    });
    expect(audited.map((e) => [e.action, e.actor, e.targetId, e.detail['version']])).toEqual([
      ['config.draft', 'root', 'business_hours', 1],
      ['config.draft', 'root', 'business_hours', 2],
      ['config.publish', 'root', 'business_hours', 1],
      ['config.publish', 'root', 'business_hours', 2],
      ['config.rollback', 'root', 'business_hours', 1],
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
    await call('/rules', { token: root, method: 'PUT', body: { body: RULES } });
    await call('/rules/publish', { token: root, body: { version: 1 } });
    expect((await call('/rules/publish', { token: root, body: { version: 1 } })).status).toBe(409);
    expect(audited.length - before).toBe(2);
  });

  it('validates a body at its line, refuses an invalid draft with 422 and saves nothing', async () => {
    const bad = '# ==> rules.yaml <==\nhandoff:\n  angerThreshold: high\n';
    const checked = await call('/rules/validate', { token: root, body: { body: bad } });
    expect(checked.status).toBe(200);
    expect(checked.body['problems']).toMatchObject([
      {
        line: 3,
        file: 'rules.yaml',
        fileLine: 2,
        message: /angerThreshold/,
      },
    ]);
    expect((await call('/rules/validate', { token: root, body: { body: RULES } })).body).toEqual({
      problems: [],
    });
    const before = (await call('/rules', { token: root })).body['versions'] as unknown[];
    const refused = await call('/rules', { token: root, method: 'PUT', body: { body: bad } });
    expect(refused).toMatchObject({ status: 422, body: { problems: [{ line: 3 }] } });
    const after = (await call('/rules', { token: root })).body['versions'] as unknown[];
    expect(after.length).toBe(before.length);
  });

  it('exports the live body as text, 404 before anything is live', async () => {
    expect((await call('/canned/export', { token: root })).status).toBe(404);
    const response = await fetch(`${url}/api/admin/config/business_hours/export`, {
      headers: { authorization: `Bearer ${root}` },
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toBe(FIRST);
  });
});
