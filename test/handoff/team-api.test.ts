import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StaffAction } from '../../src/handoff/follow-ups.router.js';
import { MemoryFollowUps } from '../../src/handoff/memory.follow-ups.js';
import { SupervisedCase, TeamReply } from '../../src/handoff/team.js';
import { MemoryTicketStore } from '../../src/tickets/memory.ticket-store.js';
import {
  agentSocket,
  api,
  login,
  startHarness,
  type AgentSocket,
  type Harness,
} from './harness.js';
import { handOver, ownerOf, setAvailability } from './team.support.js';

describe('team API: availability, the team, supervisors and reassign', () => {
  let h: Harness;
  let audited: StaffAction[];
  const sockets: AgentSocket[] = [];
  let tokens: { amy: string; bob: string; root: string };
  beforeEach(async () => {
    audited = [];
    h = await startHarness({}, undefined, {
      tickets: new MemoryTicketStore(),
      followUps: new MemoryFollowUps(),
      audit: (action) => {
        audited.push(action);
        return Promise.resolve();
      },
    });
    tokens = {
      amy: await login(h.url, 'amy'),
      bob: await login(h.url, 'bob'),
      root: await login(h.url, 'root'),
    };
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await h.close();
  });

  async function claimed(conversationId: string, token: string): Promise<string> {
    const id = await handOver(h, conversationId);
    expect((await api(h.url, `/handoffs/${id}/claim`, { token, body: {} })).status).toBe(200);
    return id;
  }

  it('sets availability only with a console open, tells every console, and shows load and capacity', async () => {
    expect(await setAvailability(h, tokens.amy, 'away')).toBe(409);
    const amySocket = await agentSocket(h.url, tokens.amy);
    const bobSocket = await agentSocket(h.url, tokens.bob);
    sockets.push(amySocket, bobSocket);
    await expect.poll(() => h.handoff.service.onlineAgents()).toEqual(['amy', 'bob']);
    await h.handoff.directory.update('amy', { capacity: 5 });
    await claimed('load-1', tokens.amy);
    await claimed('load-2', tokens.amy);

    expect((await api(h.url, '/me/availability', { token: tokens.amy })).body).toEqual({
      availability: 'online',
      load: 2,
      capacity: 5,
    });
    const told = new Promise((resolve) => bobSocket.once('team:availability', resolve));
    expect(await setAvailability(h, tokens.amy, 'busy')).toBe(200);
    expect(await told).toEqual({ agent: 'amy', availability: 'busy' });
    expect((await api(h.url, '/me/availability', { token: tokens.amy })).body).toMatchObject({
      availability: 'busy',
    });

    for (const body of [{}, { availability: 'lunch' }, { availability: 'away', extra: 1 }]) {
      const refused = await api(h.url, '/me/availability', {
        token: tokens.amy,
        method: 'PUT',
        body,
      });
      expect(refused.status).toBe(400);
    }
    expect((await api(h.url, '/me/availability')).status).toBe(401);
  });

  it('lists the team with availability and load, and the groups, for any agent', async () => {
    await h.handoff.directory.update('bob', { groups: ['billing'] });
    await h.handoff.directory.renameGroup('billing', '计费组');
    sockets.push(await agentSocket(h.url, tokens.amy));
    await expect.poll(() => h.handoff.service.onlineAgents()).toEqual(['amy']);
    await setAvailability(h, tokens.amy, 'away');
    const reply = await api(h.url, '/team', { token: tokens.bob });
    expect(reply.status).toBe(200);
    const team = TeamReply.parse(reply.body);
    expect(
      team.members.map(({ username, availability, load }) => [username, availability, load]),
    ).toEqual([
      ['amy', 'away', 0],
      ['bob', 'offline', 0],
      ['root', 'offline', 0],
    ]);
    expect(team.groups).toEqual([{ name: 'billing', displayName: '计费组' }]);
  });

  it('shows supervisors everyone’s cases and lets them reassign, audited; agents get 403', async () => {
    const amysCase = await claimed('sup-1', tokens.amy);
    const bobsCase = await claimed('sup-2', tokens.bob);
    expect((await api(h.url, '/supervisor/cases', { token: tokens.amy })).status).toBe(403);
    const listed = await api(h.url, '/supervisor/cases', { token: tokens.root });
    expect(listed.status).toBe(200);
    const cases = SupervisedCase.array().parse(listed.body['items']);
    expect(cases.map((c) => [c.id, c.agent]).sort()).toEqual(
      [
        [amysCase, 'amy'],
        [bobsCase, 'bob'],
      ].sort(),
    );
    expect(cases.every((c) => c.waitingSeconds >= 0 && c.priority > 0)).toBe(true);

    const bobSocket = await agentSocket(h.url, tokens.bob);
    sockets.push(bobSocket);
    const opened = new Promise((resolve) => bobSocket.once('handoff:assigned', resolve));
    const byAgent = await api(h.url, `/handoffs/${amysCase}/reassign`, {
      token: tokens.bob,
      body: { to: 'bob' },
    });
    expect(byAgent.status).toBe(403);
    expect(byAgent.body['reason']).toBe('forbidden');
    expect(await ownerOf(h, amysCase)).toBe('amy');

    const moved = await api(h.url, `/handoffs/${amysCase}/reassign`, {
      token: tokens.root,
      body: { to: 'bob' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: amysCase, state: 'assigned', agent: 'bob' });
    expect(await opened).toMatchObject({ handoff: { id: amysCase, agent: 'bob' } });
    expect(audited).toEqual([
      {
        actor: 'root',
        action: 'handoff.reassign',
        targetKind: 'handoff',
        targetId: amysCase,
        detail: { ticketId: expect.any(String) as string, from: 'amy', to: 'bob' },
      },
    ]);

    for (const body of [{}, { to: '' }, { to: 7 }, { to: 'amy', note: 'x' }]) {
      const bad = await api(h.url, `/handoffs/${bobsCase}/reassign`, { token: tokens.root, body });
      expect(bad.status).toBe(400);
    }
    const nobody = await api(h.url, `/handoffs/${bobsCase}/reassign`, {
      token: tokens.root,
      body: { to: 'nobody' },
    });
    expect(nobody.status).toBe(400);
    expect(nobody.body['reason']).toBe('unknown_target');
    const unknown = await api(h.url, '/handoffs/not-a-uuid/reassign', {
      token: tokens.root,
      body: { to: 'amy' },
    });
    expect(unknown.status).toBe(404);
    expect(audited).toHaveLength(1);
  });
});
