import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETUP_LINK_TTL_MS, SetupLink } from '../../src/admin/setup-link.js';
import type { App } from '../../src/app.js';
import { api } from '../handoff/harness.js';
import { startTestApp } from '../support/test-app.js';

async function post(url: string, body: unknown) {
  const response = await fetch(`${url}/api/admin/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const check = async (url: string, token: string) =>
  (await fetch(`${url}/api/admin/setup?token=${encodeURIComponent(token)}`)).status;

describe('SetupLink', () => {
  it('is 192 random bits, single use, and dies after its hour', () => {
    let now = 0;
    const link = new SetupLink(() => now);
    const token = link.issue();
    expect(Buffer.from(token, 'base64url')).toHaveLength(24);
    expect(new SetupLink().issue()).not.toBe(token);
    expect(link.matches(`${token.slice(0, -1)}A`)).toBe(token.endsWith('A'));
    expect(link.matches('short')).toBe(false);
    now = SETUP_LINK_TTL_MS - 1;
    expect(link.matches(token)).toBe(true);
    const taken = link.take(token);
    expect(taken).toBeDefined();
    expect(link.take(token)).toBeUndefined();
    if (taken) link.restore(taken);
    expect(link.matches(token)).toBe(true);
    now = SETUP_LINK_TTL_MS;
    expect(link.matches(token)).toBe(false);
  });
});

describe('first run: no account and no AGENT_SEED', () => {
  let app: App;
  let url: string;
  let token: string;
  beforeAll(async () => {
    ({ app, url } = await startTestApp({ AGENT_SEED: '' }));
    token = new URLSearchParams((app.setupPath ?? '').split('?')[1]).get('token') ?? '';
  });
  afterAll(async () => {
    await app?.close();
  });

  it('offers a setup link that creates the first admin once, then is dead', async () => {
    expect(app.setupPath).toMatch(/^\/admin\/setup\?token=[A-Za-z0-9_-]{32}$/);
    expect(await check(url, token)).toBe(200);
    expect(await check(url, 'wrong-token')).toBe(404);
    expect(
      await post(url, { token: 'wrong-token', username: 'boss', password: 'long-enough' }),
    ).toMatchObject({ status: 404 });
    // A bad password is refused before the link is spent.
    const short = await post(url, { token, username: 'boss', password: 'short' });
    expect(short).toMatchObject({ status: 400 });
    expect(String(short.body['error'])).toMatch(/^password: password shorter than 8/);
    expect(
      await post(url, { token, username: 'boss', password: 'long-enough', role: 'agent' }),
    ).toMatchObject({ status: 400 });
    expect(await check(url, token)).toBe(200);

    const created = await post(url, {
      token,
      username: 'boss',
      password: 'long-enough',
      displayName: '老板',
    });
    expect(created).toMatchObject({
      status: 201,
      body: { agent: { username: 'boss', role: 'admin' } },
    });
    expect((await api(url, '/me', { token: String(created.body['token']) })).status).toBe(200);
    expect(await app.context.handoff.directory.list()).toEqual([
      { username: 'boss', role: 'admin', disabled: false, displayName: '老板', groups: [] },
    ]);

    const again = await post(url, { token, username: 'mallory', password: 'long-enough' });
    expect(again).toEqual({
      status: 410,
      body: { error: 'setup is done: an administrator account exists. Log in at /admin.' },
    });
    expect(await check(url, token)).toBe(410);
    expect(await app.context.handoff.directory.has('mallory')).toBe(false);
  });
});

describe('not a first run', () => {
  it('prints no setup link when AGENT_SEED gives accounts', async () => {
    const { app } = await startTestApp({ AGENT_SEED: 'amy:secret-amy' });
    expect(app.setupPath).toBeUndefined();
    await app.close();
  });
});
