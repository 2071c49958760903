import { SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentSeed } from '../../src/agents/agent.js';
import { SeededAgentDirectory } from '../../src/agents/agent-directory.js';
import { AgentTokens } from '../../src/agents/agent-tokens.js';
import { agentSocket, api, login, startHarness, type Harness } from '../handoff/harness.js';

const SECRET = 's'.repeat(32);

describe('agent accounts and tokens', () => {
  it('parses AGENT_SEED, keeping colons inside passwords and refusing bad entries', () => {
    expect(AgentSeed.parse('amy:password,bob:a:b:c:d:e')).toEqual([
      { username: 'amy', password: 'password' },
      { username: 'bob', password: 'a:b:c:d:e' },
    ]);
    expect(AgentSeed.safeParse('amy').success).toBe(false);
    expect(AgentSeed.safeParse('<script>:password').success).toBe(false);
    expect(AgentSeed.safeParse('amy:short').success).toBe(false);
  });

  it('stores only argon2 hashes and verifies the right password of an enabled account only', async () => {
    const directory = await SeededAgentDirectory.fromSeed('amy:secret-1a,root:secret-2b', ['root']);
    expect(await directory.verify('amy', 'secret-1a')).toMatchObject({
      username: 'amy',
      role: 'agent',
    });
    expect(await directory.verify('root', 'secret-2b')).toMatchObject({ role: 'admin' });
    expect(await directory.verify('amy', 'secret-2b')).toBeUndefined();
    expect(await directory.verify('nobody', 'secret-1a')).toBeUndefined();
    expect(JSON.stringify(directory)).not.toContain('secret-1a');
    await directory.setDisabled('amy', true);
    expect(await directory.verify('amy', 'secret-1a')).toBeUndefined();
  });

  it('issues tokens that expire and that another secret cannot verify', async () => {
    const directory = await SeededAgentDirectory.fromSeed('amy:secret-amy', []);
    const tokens = new AgentTokens(SECRET, 60, directory);
    const amy = (await directory.find('amy'))!;
    const fresh = await tokens.issue(amy);
    expect(await tokens.verify(fresh.token)).toEqual({ username: 'amy', role: 'agent' });
    const old = await tokens.issue(amy, new Date(Date.now() - 61_000));
    expect(await tokens.verify(old.token)).toBeUndefined();
    expect(
      await new AgentTokens('t'.repeat(32), 60, directory).verify(fresh.token),
    ).toBeUndefined();
    expect(await tokens.verify('not-a-jwt')).toBeUndefined();
  });

  it('refuses tokens without exp, for unknown or disabled accounts, from before a password reset or a disable', async () => {
    const directory = await SeededAgentDirectory.fromSeed('amy:secret-amy,bob:secret-bob', []);
    const tokens = new AgentTokens(SECRET, 600, directory);
    const key = new TextEncoder().encode(SECRET);
    const signed = (claims: Record<string, unknown>, exp: boolean) => {
      const jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(String(claims['sub']))
        .setIssuer('qingting')
        .setAudience('qingting-agent')
        .setIssuedAt();
      return (exp ? jwt.setExpirationTime('10m') : jwt).sign(key);
    };
    // Same secret, everything right but `exp`: a token that would never expire.
    expect(await tokens.verify(await signed({ sub: 'amy', role: 'agent', ver: 0 }, false))).toBe(
      undefined,
    );
    expect(await tokens.verify(await signed({ sub: 'amy', role: 'agent', ver: 0 }, true))).toEqual({
      username: 'amy',
      role: 'agent',
    });
    // A role claimed in the token is not believed: the directory says who is admin.
    expect(await tokens.verify(await signed({ sub: 'amy', role: 'admin', ver: 0 }, true))).toEqual({
      username: 'amy',
      role: 'agent',
    });
    expect(await tokens.verify(await signed({ sub: 'ghost', role: 'agent', ver: 0 }, true))).toBe(
      undefined,
    );

    const bobToken = (await tokens.issue((await directory.find('bob'))!)).token;
    await directory.setDisabled('bob', true);
    expect(await tokens.verify(bobToken)).toBeUndefined();
    // Disabling ends every session: re-enabling does not revive a token issued before.
    await directory.setDisabled('bob', false);
    expect(await tokens.verify(bobToken)).toBeUndefined();
    const fresh = (await tokens.issue((await directory.find('bob'))!)).token;
    expect(await tokens.verify(fresh)).toEqual({ username: 'bob', role: 'agent' });

    const before = (await tokens.issue((await directory.find('amy'))!)).token;
    expect(await directory.resetPassword('amy', 'new-secret-amy')).toBe(true);
    expect(await tokens.verify(before)).toBeUndefined();
    expect(await directory.verify('amy', 'secret-amy')).toBeUndefined();
    const after = await directory.verify('amy', 'new-secret-amy');
    expect(await tokens.verify((await tokens.issue(after!)).token)).toMatchObject({
      username: 'amy',
    });
    await expect(directory.resetPassword('amy', 'short')).rejects.toThrow(/8 characters/);
  });
});

describe('agent login over HTTP and sockets', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
  });

  it('rate-limits login attempts per username and address, then answers 429', async () => {
    h = await startHarness({ AGENT_LOGIN_ATTEMPTS: '2' });
    const wrong = { username: 'amy', password: 'nope' };
    expect((await api(h.url, '/login', { body: wrong })).status).toBe(401);
    expect((await api(h.url, '/login', { body: wrong })).status).toBe(401);
    const blocked = await api(h.url, '/login', {
      body: { username: 'amy', password: 'secret-amy' },
    });
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
