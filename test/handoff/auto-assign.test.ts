import { afterEach, describe, expect, it } from 'vitest';
import { AutoAssigner, candidatesFor } from '../../src/handoff/auto-assign.js';
import type { StaffAction } from '../../src/handoff/follow-ups.router.js';
import { MemoryFollowUps } from '../../src/handoff/memory.follow-ups.js';
import { MemoryTicketStore } from '../../src/tickets/memory.ticket-store.js';
import type { TeamMember } from '../../src/handoff/team.js';
import { redisAvailable } from '../support/redis.js';
import { redisScope } from '../support/redis-scope.js';
import {
  agentSocket,
  api,
  draft,
  login,
  startHarness,
  type AgentSocket,
  type Harness,
} from './harness.js';
import { handOver, ownerOf, setAvailability } from './team.support.js';

const member = (username: string, patch: Partial<TeamMember> = {}): TeamMember => ({
  username,
  availability: 'online',
  idleSince: 1000,
  load: 0,
  groups: [],
  ...patch,
});
const names = (members: TeamMember[]) => members.map((m) => m.username);

describe('candidatesFor (who may get a case, best first)', () => {
  it('puts the least loaded first, then the one idle longest', () => {
    const team = [
      member('amy', { load: 2 }),
      member('bob', { load: 1, idleSince: 500 }),
      member('cai', { load: 1, idleSince: 300 }),
    ];
    expect(names(candidatesFor(team, undefined))).toEqual(['cai', 'bob', 'amy']);
  });

  it('leaves out away, busy, offline and full agents, and those outside the case group', () => {
    const team = [
      member('amy', { availability: 'away' }),
      member('bob', { availability: 'busy' }),
      member('cai', { availability: 'offline' }),
      member('dan', { load: 3, capacity: 3 }),
      member('eve', { load: 2, capacity: 3, groups: ['billing'] }),
      member('fay', { load: 0 }),
    ];
    expect(names(candidatesFor(team, undefined))).toEqual(['fay', 'eve']);
    expect(names(candidatesFor(team, 'billing'))).toEqual(['eve']);
    expect(names(candidatesFor(team, 'network'))).toEqual([]);
  });

  it('tries the next candidate when the first filled up meanwhile, and stops when the case is gone', async () => {
    const tried: string[] = [];
    const outcomes: Record<string, 'at_capacity' | 'gone' | 'assigned'> = {
      amy: 'at_capacity',
      bob: 'assigned',
    };
    const assigner = new AutoAssigner({
      members: () => Promise.resolve([member('amy'), member('bob', { idleSince: 2000 })]),
      claim: (_id, agent) => {
        tried.push(agent);
        return Promise.resolve(outcomes[agent] ?? 'gone');
      },
      onError: (error) => {
        throw error;
      },
    });
    const queued = { id: 'h1', state: 'queued' as const };
    expect(await assigner.assign(queued)).toBe('bob');
    expect(tried).toEqual(['amy', 'bob']);
    outcomes['amy'] = 'gone';
    expect(await assigner.assign(queued)).toBeUndefined();
    expect(tried).toEqual(['amy', 'bob', 'amy']);
    expect(await assigner.assign({ ...queued, state: 'assigned' })).toBeUndefined();
  });
});

describe('automatic assignment in the handoff service (embedded)', () => {
  let h: Harness;
  const sockets: AgentSocket[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await h.close();
  });
  const online = async (username: string): Promise<string> => {
    const token = await login(h.url, username);
    sockets.push(await agentSocket(h.url, token));
    await expect
      .poll(async () => (await h.handoff.service.onlineAgents()).includes(username))
      .toBe(true);
    return token;
  };

  it('is off by default: a case stays in the queue with an agent online', async () => {
    h = await startHarness();
    await online('amy');
    const id = await handOver(h, 'off-1');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await ownerOf(h, id)).toBeUndefined();
    expect((await h.handoff.service.queueItems()).map((i) => i.id)).toEqual([id]);
  });

  it('gives new cases to the least-loaded online agent, skips away and busy, leaves the rest queued', async () => {
    h = await startHarness({ AUTO_ASSIGN: 'on' });
    const amy = await online('amy');
    const bob = await online('bob');
    const amySocket = sockets[0];
    const opened = new Promise((resolve) => amySocket?.once('handoff:assigned', resolve));

    // amy connected first: equally loaded, she has been idle longest.
    const first = await handOver(h, 'auto-1');
    await expect.poll(() => ownerOf(h, first)).toBe('amy');
    expect(await opened).toMatchObject({ handoff: { id: first, agent: 'amy' } });
    expect(h.delivery.statuses.at(-1)?.status).toEqual({ state: 'assigned', agentName: 'amy' });
    const second = await handOver(h, 'auto-2');
    await expect.poll(() => ownerOf(h, second)).toBe('bob');

    expect(await setAvailability(h, amy, 'away')).toBe(200);
    const third = await handOver(h, 'auto-3');
    await expect.poll(() => ownerOf(h, third)).toBe('bob');

    expect(await setAvailability(h, bob, 'busy')).toBe(200);
    const fourth = await handOver(h, 'auto-4');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await ownerOf(h, fourth)).toBeUndefined();
    expect((await h.handoff.service.queueItems()).map((i) => i.id)).toEqual([fourth]);
    const claim = await api(h.url, `/handoffs/${fourth}/claim`, { token: amy, body: {} });
    expect(claim.status).toBe(200);
  });

  it('respects capacity and the case group when a case is requeued', async () => {
    h = await startHarness({ AUTO_ASSIGN: 'on' });
    await h.handoff.directory.update('amy', { capacity: 1, groups: ['billing'] });
    await h.handoff.directory.update('bob', { capacity: 5 });
    await online('amy');
    const bob = await online('bob');
    const first = await handOver(h, 'cap-1');
    await expect.poll(() => ownerOf(h, first)).toBe('amy');
    // amy is full: bob gets the next one although he has been idle less long.
    const second = await handOver(h, 'cap-2');
    await expect.poll(() => ownerOf(h, second)).toBe('bob');

    // bob sends his case to billing: amy is the only member but she is full, so it waits.
    const moved = await api(h.url, `/handoffs/${second}/transfer`, {
      token: bob,
      body: { to: 'group:billing' },
    });
    expect(moved.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await ownerOf(h, second)).toBeUndefined();

    await h.handoff.directory.update('amy', { capacity: 2 });
    await api(h.url, `/handoffs/${first}/transfer`, {
      token: await login(h.url, 'amy'),
      body: { to: 'group:billing' },
    });
    // first is requeued for billing and amy now has room: it comes straight back to her.
    await expect.poll(() => ownerOf(h, first)).toBe('amy');
  });
});

describe.runIf(await redisAvailable())('automatic assignment on two Redis instances', () => {
  const redis = redisScope('auto-assign');
  const harnesses: Harness[] = [];
  const sockets: AgentSocket[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    for (const h of harnesses.splice(0)) await h.close();
  });

  it('assigns a case offered by both instances at once exactly once', async () => {
    const shared = { client: redis.client(), prefix: redis.prefix() };
    const records = {
      tickets: new MemoryTicketStore(),
      followUps: new MemoryFollowUps(),
      audit: (_action: StaffAction) => Promise.resolve(),
    };
    const a = await startHarness({ AUTO_ASSIGN: 'on' }, shared, records);
    const b = await startHarness({ AUTO_ASSIGN: 'on' }, shared, records);
    harnesses.push(a, b);
    sockets.push(await agentSocket(a.url, await login(a.url, 'amy')));
    sockets.push(await agentSocket(b.url, await login(b.url, 'bob')));
    await expect.poll(() => a.handoff.service.onlineAgents()).toEqual(['amy', 'bob']);

    for (const round of [1, 2, 3]) {
      const conversationId = `twice-${round}`;
      // The same handoff requested on both instances (a redelivered event): both offer it.
      const ticket = await records.tickets.create(draft(conversationId));
      const request = {
        conversationId,
        ticketId: ticket.id,
        rule: 'anger',
        lang: 'zh',
        channel: 'web',
      } as const;
      await Promise.all([a.handoff.trigger.request(request), b.handoff.trigger.request(request)]);
      await expect.poll(async () => (await a.handoff.service.queueItems()).length).toBe(0);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const assigned = [...a.delivery.statuses, ...b.delivery.statuses].filter(
      (s) => s.status.state === 'assigned',
    );
    expect(assigned).toHaveLength(3);
    const owned = [
      ...(await a.handoff.service.assignedTo('amy')),
      ...(await a.handoff.service.assignedTo('bob')),
    ];
    expect(owned).toHaveLength(3);
    expect(new Set(owned.map((h) => h.conversationId)).size).toBe(3);
  });
});
