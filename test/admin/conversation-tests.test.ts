import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBody } from '../../src/admin/config/config-kinds.js';
import { runConversationTests } from '../../src/admin/config/conversation-test.js';
import { DraftRunner } from '../../src/admin/config/draft-runner.js';
import { readSeedBody, seedConfigVersions } from '../../src/admin/config/seed-config.js';
import { requireAgent } from '../../src/agents/agent-auth.middleware.js';
import { SeededAgentDirectory } from '../../src/agents/agent-directory.js';
import { AgentTokens } from '../../src/agents/agent-tokens.js';
import type { ConfigKind } from '../../src/config/config-version.js';
import { MemoryConfigVersions } from '../../src/config/memory.config-versions.js';
import type { AuditEntry } from '../../src/records/audit-entry.js';
import { createConfigRouter } from '../../src/records/config.router.js';
import { createOfflineUnderstanding } from '../../src/understanding/offline.understanding.js';

const roots = { configDir: 'config', promptsDir: 'prompts' };
const understanding = createOfflineUnderstanding({});

async function shipped(kind: ConfigKind): Promise<string> {
  const body = await readSeedBody(kind, roots);
  if (body === undefined) throw new Error(`no shipped ${kind}`);
  return body;
}

/** The shipped knowledge with the billing answer no longer naming “我的账单”. */
async function knowledgeWithoutMyBill(): Promise<string> {
  const body = await shipped('knowledge');
  const edited = body.replace('“我的账单”', '“账单中心”');
  if (edited === body) throw new Error('the billing answer changed; update this test');
  return edited;
}

describe('conversation tests', () => {
  it('the starter set passes on the shipped configuration', async () => {
    const configs = new MemoryConfigVersions();
    await seedConfigVersions(configs, roots);
    const report = await new DraftRunner(configs, () => understanding).runTests();
    expect(report.results.length).toBeGreaterThanOrEqual(6);
    expect(report.results.filter((r) => !r.passed)).toEqual([]);
    expect(report.passed).toBe(true);
  });

  it('a draft that breaks an expectation fails that test, naming the turn and why', async () => {
    const configs = new MemoryConfigVersions();
    await seedConfigVersions(configs, roots);
    const report = await new DraftRunner(configs, () => understanding).runTests({
      knowledge: await knowledgeWithoutMyBill(),
    });
    expect(report.passed).toBe(false);
    expect(report.results.filter((r) => !r.passed)).toEqual([
      {
        name: '账单查询由知识库回答',
        passed: false,
        failures: [{ turn: 1, message: '"我的账单" expected in the reply' }],
      },
    ]);
  });

  it('checks act, slot, outcome and category of each turn', async () => {
    const tests = loadBody(
      'tests',
      [
        '# ==> tests.yaml <==',
        'tests:',
        '  - name: wrong on purpose',
        '    turns:',
        '      - say: 我的宽带三天都连不上网',
        '        expect: { act: handoff, slot: amount, outcome: ticket, category: billing }',
      ].join('\n'),
    );
    if (!tests.ok) throw new Error('tests body does not load');
    const runner = new DraftRunner(new MemoryConfigVersions(), () => understanding);
    const config = await runner.config({
      flows: await shipped('flows'),
      scripts: await shipped('scripts'),
      knowledge: await shipped('knowledge'),
    });
    const report = await runConversationTests(tests.value.tests, config, understanding);
    expect(report.results[0]?.failures.map((f) => f.message)).toEqual([
      'act handoff expected, got ask',
      'a question for amount expected, got place, contact_phone',
      'outcome ticket expected, got none',
      'category billing expected, got no ticket',
    ]);
  });
});

describe('try-it and the publish gate over HTTP', () => {
  const audited: AuditEntry[] = [];
  const configs = new MemoryConfigVersions();
  let url: string;
  let close: () => void;
  let root: string;
  beforeAll(async () => {
    await seedConfigVersions(configs, roots);
    const directory = await SeededAgentDirectory.fromSeed('root:secret-root', ['root']);
    const tokens = new AgentTokens('s'.repeat(32), 600, directory);
    root = (await tokens.issue((await directory.find('root'))!)).token;
    const app = express().use(
      createConfigRouter({
        configs,
        audit: { record: (entry) => Promise.resolve(void audited.push(entry)) },
        auth: requireAgent(tokens),
        understanding: () => understanding,
      }),
    );
    const server = app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  async function post(path: string, body: unknown) {
    const response = await fetch(`${url}/api/admin/config${path}`, {
      method: path === '/knowledge' || path === '/tests' ? 'PUT' : 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${root}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('a try-it turn runs the unsaved draft in its own session, with test tickets only', async () => {
    const drafts = { knowledge: await knowledgeWithoutMyBill() };
    const first = await post('/try', { session: 's1', text: '怎么查询我的账单', drafts });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ test: true, tickets: [], handoffs: [] });
    expect(JSON.stringify(first.body['replies'])).toContain('账单中心');
    expect((first.body['greeting'] as string[]).length).toBeGreaterThan(0);
    const handed = await post('/try', { session: 's2', text: 'I want to speak to a human' });
    expect(handed.body).toMatchObject({ handoffs: [{ rule: 'request_human' }] });
    expect((await post('/try', { session: 's3', text: '' })).status).toBe(400);
  });

  it('refuses to publish while a test fails, and publishes on an audited override', async () => {
    const draft = await post('/knowledge', { body: await knowledgeWithoutMyBill() });
    expect(draft.status).toBe(201);
    const version = draft.body['version'] as number;
    const refused = await post('/knowledge/publish', { version });
    expect(refused).toMatchObject({
      status: 409,
      body: { error: 'tests_failed', report: { passed: false } },
    });
    expect((await configs.live('knowledge'))?.version).toBe(1);
    const forced = await post('/knowledge/publish', { version, override: true });
    expect(forced.status).toBe(200);
    expect(audited.at(-1)).toMatchObject({
      action: 'config.publish',
      detail: { version, override: true, failing: ['账单查询由知识库回答'] },
    });
  });

  it('gates a rollback like a publish: refused while the restored version fails, audited override', async () => {
    // The bad knowledge of the test above is live; the tests now expect its wording, so the
    // shipped knowledge a rollback would restore fails them.
    const tests = (await shipped('tests')).replace('contains: [我的账单]', 'contains: [账单中心]');
    const saved = await post('/tests', { body: tests });
    expect(saved.status).toBe(201);
    expect((await post('/tests/publish', { version: saved.body['version'] })).status).toBe(200);
    const live = (await configs.live('knowledge'))?.version;
    const refused = await post('/knowledge/rollback', {});
    expect(refused).toMatchObject({
      status: 409,
      body: { reason: 'tests_failed', report: { passed: false } },
    });
    expect((await configs.live('knowledge'))?.version).toBe(live);
    expect((await post('/knowledge/rollback', { override: 'yes' })).status).toBe(400);
    const forced = await post('/knowledge/rollback', { override: true });
    expect(forced).toMatchObject({ status: 200, body: { live: { version: 1 }, retired: live } });
    expect(audited.at(-1)).toMatchObject({
      action: 'config.rollback',
      detail: { version: 1, override: true, failing: ['账单查询由知识库回答'] },
    });
    // The shipped tests back, for the next test (the runner reads the newest knowledge draft, the
    // bad one, hence the override).
    const restored = await post('/tests', { body: await shipped('tests') });
    const back = await post('/tests/publish', {
      version: restored.body['version'],
      override: true,
    });
    expect(back.status, JSON.stringify(back.body).slice(0, 600)).toBe(200);
  });

  it('runs the tests against the draft on request', async () => {
    const run = await post('/run-tests', { drafts: { knowledge: await shipped('knowledge') } });
    expect(run).toMatchObject({ status: 200, body: { passed: true } });
  });
});
