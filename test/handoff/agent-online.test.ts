import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  agentSocket,
  api,
  login,
  startHarness,
  type AgentSocket,
  type Harness,
} from './harness.js';

describe('GET /api/agent/agents/online (the transfer picker)', () => {
  let h: Harness;
  const sockets: AgentSocket[] = [];
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await h.close();
  });

  it('lists the agents with a console open, sorted, and needs a token', async () => {
    const [amy, bob] = await Promise.all([login(h.url, 'amy'), login(h.url, 'bob')]);
    expect((await api(h.url, '/agents/online', { token: amy })).body).toEqual({ items: [] });
    sockets.push(await agentSocket(h.url, bob), await agentSocket(h.url, amy));
    await expect
      .poll(async () => (await api(h.url, '/agents/online', { token: amy })).body)
      .toEqual({ items: ['amy', 'bob'] });
    expect((await api(h.url, '/agents/online')).status).toBe(401);
  });
});
