import { afterEach, describe, expect, it } from 'vitest';
import { AgentSeed } from '../../src/agents/agent.js';
import { AgentDirectory } from '../../src/agents/agent-directory.js';
import { AgentTokens } from '../../src/agents/agent-tokens.js';
import { agentSocket, api, login, startHarness, type Harness } from '../handoff/harness.js';

describe('agent accounts and tokens', () => {
  it('parses AGENT_SEED, keeping colons inside passwords and refusing bad entries', () => {
    expect(AgentSeed.parse('amy:pw,bob:a:b:c')).toEqual([
      { username: 'amy', password: 'pw' },
      { username: 'bob', password: 'a:b:c' },
    ]);
    expect(AgentSeed.safeParse('amy').success).toBe(false);
    expect(AgentSeed.safeParse('<script>:pw').success).toBe(false);
  });

  it('stores only argon2 hashes and verifies the right password only', async () => {
    const directory = await AgentDirectory.fromSeed('amy:secret-1,root:secret-2', ['root']);
    expect(await directory.verify('amy', 'secret-1')).toEqual({ username: 'amy', role: 'agent' });
    expect(await directory.verify('root', 'secret-2')).toEqual({ username: 'root', role: 'admin' });
    expect(await directory.verify('amy', 'secret-2')).toBeUndefined();
    expect(await directory.verify('nobody', 'secret-1')).toBeUndefined();
    expect(JSON.stringify(directory)).not.toContain('secret-1');
  });

  it('issues tokens that expire and that another secret cannot verify', async () => {
    const tokens = new AgentTokens('s'.repeat(32), 60);
    const amy = { username: 'amy', role: 'agent' as const };
    const fresh = await tokens.issue(amy);
    expect(await tokens.verify(fresh.token)).toEqual(amy);
    const old = await tokens.issue(amy, new Date(Date.now() - 61_000));
    expect(await tokens.verify(old.token)).toBeUndefined();
    expect(await new AgentTokens('t'.repeat(32), 60).verify(fresh.token)).toBeUndefined();
    expect(await tokens.verify('not-a-jwt')).toBeUndefined();
  });
});

describe('agent login over HTTP and sockets', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
  });

  it('rate-limits failed logins per username and address, then answers 429', async () => {
    h = await startHarness({ AGENT_LOGIN_ATTEMPTS: '2' });
    const wrong = { username: 'amy', password: 'nope' };
    expect((await api(h.url, '/login', { body: wrong })).status).toBe(401);
    expect((await api(h.url, '/login', { body: wrong })).status).toBe(401);
    const blocked = await api(h.url, '/login', { body: { username: 'amy', password: 'pw-amy' } });
    expect(blocked.status).toBe(429);
    expect(await login(h.url, 'bob')).toEqual(expect.any(String));
    expect((await api(h.url, '/login', { body: { username: 'amy' } })).status).toBe(400);
  });

  it('refuses an agent socket without a valid token', async () => {
    h = await startHarness();
    await expect(agentSocket(h.url, 'forged')).rejects.toThrow(/unauthorized/);
    const socket = await agentSocket(h.url, await login(h.url, 'amy'));
    expect(socket.connected).toBe(true);
    socket.disconnect();
  });
});
