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
import type { Handoff } from '../../src/handoff/handoff.js';
import { openHandoff } from '../../src/handoff/handoff-transitions.js';
import { newHandoff } from './fixtures.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A queued handoff as the assigner sees it (only id, state and group matter to it). */
const handoffFixture = (id: string): Handoff => openHandoff(id, newHandoff({ conversationId: id }));

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
    const capacityWhenUnset = 5;
    const tried: string[] = [];
    const outcomes: Record<string, 'at_capacity' | 'gone' | 'assigned'> = {
      amy: 'at_capacity',
      bob: 'assigned',
    };
    const assigner = new AutoAssigner({
      members: () => Promise.resolve([member('amy'), member('bob', { idleSince: 2000 })]),
      waiting: () => Promise.resolve([]),
      claim: (_id, agent) => {
        tried.push(agent);
        return Promise.resolve(outcomes[agent] ?? 'gone');
      },
      onError: (error) => {
        throw error;
      },
      capacityWhenUnset,
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

describe('AutoAssigner.pull (an agent who can take more picks up waiting cases)', () => {
  const waiting = (...cases: Array<[string, string?]>) =>
    cases.map(([id, group]) => ({ ...handoffFixture(id), ...(group ? { group } : {}) }));
  const pulling = (
    me: TeamMember,
    queued: Handoff[],
    outcomes: Record<string, 'at_capacity' | 'gone' | 'assigned'>,
    capacityWhenUnset = 5,
  ) => {
    const tried: string[] = [];
    const assigner = new AutoAssigner({
      members: () => Promise.resolve([me, member('zed')]),
      waiting: () => Promise.resolve(queued),
      claim: (id) => {
        tried.push(id);
        return Promise.resolve(outcomes[id] ?? 'assigned');
      },
      onError: (error) => {
        throw error;
      },
      capacityWhenUnset,
    });
    return { assigner, tried };
  };

  it('takes the most urgent cases first, up to capacity, skipping other groups and lost claims', async () => {
    const amy = member('amy', { load: 1, capacity: 3, groups: ['billing'] });
    const queued = waiting(['h1'], ['h2', 'network'], ['h3', 'billing'], ['h4'], ['h5']);
    const { assigner, tried } = pulling(amy, queued, { h1: 'gone' });
    expect(await assigner.pull('amy')).toEqual(['h3', 'h4']);
    expect(tried).toEqual(['h1', 'h3', 'h4']);
  });

  it('gives an agent whose account sets no capacity at most AUTO_ASSIGN_CAPACITY cases, never the whole queue', async () => {
    const queued = waiting(['h1'], ['h2'], ['h3'], ['h4'], ['h5'], ['h6']);
    const { assigner } = pulling(member('amy', { load: 1 }), queued, {}, 3);
    expect(await assigner.pull('amy')).toEqual(['h1', 'h2']);
    const team = [member('amy', { load: 3 }), member('bob', { load: 2 })];
    expect(candidatesFor(team, undefined, 3).map((m) => m.username)).toEqual(['bob']);
  });

  it('stops when the queue says the agent is full, and does nothing unless they are online', async () => {
    const queued = waiting(['h1'], ['h2'], ['h3']);
    const full = pulling(member('amy', { capacity: 5 }), queued, { h2: 'at_capacity' });
    expect(await full.assigner.pull('amy')).toEqual(['h1']);
    expect(full.tried).toEqual(['h1', 'h2']);
    for (const availability of ['away', 'busy', 'offline'] as const) {
      const idle = pulling(member('amy', { availability }), queued, {});
      expect(await idle.assigner.pull('amy')).toEqual([]);
      expect(idle.tried).toEqual([]);
    }
    const unknown = pulling(member('amy'), queued, {});
    expect(await unknown.assigner.pull('nobody')).toEqual([]);
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

describe('waiting cases go to an agent who can take more (embedded)', () => {
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
  const queuedIds = async () => (await h.handoff.service.queueItems()).map((i) => i.id);
  const mine = async (agent: string) =>
    (await h.handoff.service.assignedTo(agent)).map((handoff) => handoff.id).sort();
  const close = (token: string, id: string) =>
    api(h.url, `/handoffs/${id}/close`, { token, body: { resolution: 'refunded' } });

  it('an agent back 在线 gets the waiting cases most urgent first, as many as capacity allows', async () => {
    h = await startHarness({ AUTO_ASSIGN: 'on' });
    await h.handoff.directory.update('amy', { capacity: 2 });
    const amy = await online('amy');
    expect(await setAvailability(h, amy, 'away')).toBe(200);
    const waiting: string[] = [];
    for (const c of ['back-1', 'back-2', 'back-3']) {
      waiting.push(await handOver(h, c));
      await pause(5);
    }
    await pause(100);
    expect(await queuedIds()).toEqual(waiting);

    expect(await setAvailability(h, amy, 'online')).toBe(200);
    await expect.poll(() => mine('amy')).toEqual(waiting.slice(0, 2).sort());
    expect(await queuedIds()).toEqual(waiting.slice(2));

    // Closing a case frees a place: the last waiting case follows at once.
    expect((await close(amy, waiting[0] ?? '')).status).toBe(200);
    await expect.poll(() => mine('amy')).toEqual(waiting.slice(1).sort());
    expect(await queuedIds()).toEqual([]);
  });

  it('handing a case on frees a place too, but a case for a group she is not in stays waiting', async () => {
    h = await startHarness({ AUTO_ASSIGN: 'on' });
    await h.handoff.directory.update('amy', { capacity: 1 });
    const amy = await online('amy');
    const first = await handOver(h, 'hand-1');
    await expect.poll(() => ownerOf(h, first)).toBe('amy');
    const second = await handOver(h, 'hand-2');
    await pause(100);
    expect(await queuedIds()).toEqual([second]);

    // To the billing group (amy is not in it): second is hers at once, first waits for billing.
    const moved = await api(h.url, `/handoffs/${first}/transfer`, {
      token: amy,
      body: { to: 'group:billing' },
    });
    expect(moved.status).toBe(200);
    await expect.poll(() => ownerOf(h, second)).toBe('amy');
    await pause(100);
    expect(await queuedIds()).toEqual([first]);

    // With room again she still does not get the billing case.
    expect((await close(amy, second)).status).toBe(200);
    await pause(150);
    expect(await queuedIds()).toEqual([first]);
    expect(await mine('amy')).toEqual([]);
  });

  it('counts idle time from the last case closed, not from the last claim', async () => {
    h = await startHarness({ AUTO_ASSIGN: 'on' });
    const amy = await online('amy');
    await pause(5);
    const bob = await online('bob');
    const first = await handOver(h, 'idle-1');
    await expect.poll(() => ownerOf(h, first)).toBe('amy');
    await pause(5);
    const second = await handOver(h, 'idle-2');
    await expect.poll(() => ownerOf(h, second)).toBe('bob');
    // bob claimed last but amy finished last: bob has been idle longer and gets the next case.
    await pause(5);
    expect((await close(bob, second)).status).toBe(200);
    await pause(5);
    expect((await close(amy, first)).status).toBe(200);
    await pause(5);
    const third = await handOver(h, 'idle-3');
    await expect.poll(() => ownerOf(h, third)).toBe('bob');
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
  const twoInstances = async () => {
    const shared = { client: redis.client(), prefix: redis.prefix() };
    const records = {
      tickets: new MemoryTicketStore(),
      followUps: new MemoryFollowUps(),
      audit: (_action: StaffAction) => Promise.resolve(),
    };
    const a = await startHarness({ AUTO_ASSIGN: 'on' }, shared, records);
    const b = await startHarness({ AUTO_ASSIGN: 'on' }, shared, records);
    harnesses.push(a, b);
    const request = async (on: Harness, conversationId: string) => {
      const ticket = await records.tickets.create(draft(conversationId));
      await on.handoff.trigger.request({
        conversationId,
        ticketId: ticket.id,
        rule: 'anger',
        lang: 'zh',
        channel: 'web',
      });
    };
    const owned = async (agent: string) => a.handoff.service.assignedTo(agent);
    const queued = async () => a.handoff.service.queueItems();
    return { a, b, request, owned, queued };
  };

  it('gives an agent back 在线 on both instances at once only what her capacity allows, each case once', async () => {
    const { a, b, request, owned, queued } = await twoInstances();
    for (const h of [a, b]) await h.handoff.directory.update('amy', { capacity: 2 });
    const onA = await login(a.url, 'amy');
    const onB = await login(b.url, 'amy');
    sockets.push(await agentSocket(a.url, onA), await agentSocket(b.url, onB));
    await expect.poll(() => a.handoff.service.onlineAgents()).toEqual(['amy']);
    expect(await setAvailability(a, onA, 'away')).toBe(200);
    for (const c of ['pull-1', 'pull-2', 'pull-3', 'pull-4']) await request(a, c);
    await pause(100);
    expect(await queued()).toHaveLength(4);

    // Two tabs on two instances say 在线 at the same moment: both instances pull for her.
    const back = await Promise.all([
      setAvailability(a, onA, 'online'),
      setAvailability(b, onB, 'online'),
    ]);
    expect(back).toEqual([200, 200]);
    await expect.poll(async () => (await owned('amy')).length).toBe(2);
    await pause(300);
    expect(await owned('amy')).toHaveLength(2);
    expect(await queued()).toHaveLength(2);
    const assigned = [...a.delivery.statuses, ...b.delivery.statuses].filter(
      (s) => s.status.state === 'assigned',
    );
    expect(assigned).toHaveLength(2);
  });

  it('keeps an agent within capacity when two instances offer her two cases at the same moment', async () => {
    const { a, b, request, owned, queued } = await twoInstances();
    for (const h of [a, b]) await h.handoff.directory.update('amy', { capacity: 1 });
    const amy = await login(a.url, 'amy');
    sockets.push(await agentSocket(a.url, amy));
    await expect.poll(() => a.handoff.service.onlineAgents()).toEqual(['amy']);
    for (const round of [1, 2, 3]) {
      await Promise.all([request(a, `race-${round}-a`), request(b, `race-${round}-b`)]);
      await expect.poll(async () => (await owned('amy')).length).toBe(1);
      await pause(150);
      expect(await owned('amy')).toHaveLength(1);
      expect(await queued()).toHaveLength(1);
      // Her close frees the place: the waiting one comes to her, then she closes that too.
      for (let closing = 0; closing < 2; closing++) {
        const [current] = await owned('amy');
        const closed = await api(a.url, `/handoffs/${current?.id ?? ''}/close`, {
          token: amy,
          body: { resolution: 'refunded' },
        });
        expect(closed.status).toBe(200);
        if (closing === 0) await expect.poll(async () => (await queued()).length).toBe(0);
      }
      await expect.poll(async () => (await owned('amy')).length).toBe(0);
    }
  });
});
