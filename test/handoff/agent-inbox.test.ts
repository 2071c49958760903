import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InboxPage } from '../../src/handoff/inbox.js';
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

type Start = () => Promise<Harness>;

/** Inbox views, labels and the waiting-on-the-customer status, the same in memory and Redis mode. */
function inboxSuite(mode: string, start: Start): void {
  describe(`agent inbox, labels and status (${mode})`, () => {
    let h: Harness;
    let amy: string;
    let bob: string;
    let root: string;
    const sockets: AgentSocket[] = [];
    beforeEach(async () => {
      h = await start();
      [amy, bob, root] = [
        await login(h.url, 'amy'),
        await login(h.url, 'bob'),
        await login(h.url, 'root'),
      ];
    });
    afterEach(async () => {
      for (const socket of sockets.splice(0)) socket.disconnect();
      await h.close();
    });

    async function queued(conversationId: string, severity: 'P1' | 'P4') {
      const at = new Date().toISOString();
      const ticket = await h.tickets.create(
        draft(conversationId, {
          severity,
          emotions: [{ emotion: 'neutral', intensity: 0.2, at }],
        }),
      );
      await h.handoff.trigger.request({
        conversationId,
        ticketId: ticket.id,
        rule: 'request_human',
        lang: 'zh',
        channel: 'web',
      });
      const { body } = await api(h.url, '/queue', { token: amy });
      const items = body['items'] as Array<{ id: string; ticketId: string }>;
      const id = items.find((item) => item.ticketId === ticket.id)?.id;
      if (id === undefined) throw new Error('not queued');
      return id;
    }

    async function inbox(token: string, query: string): Promise<InboxPage> {
      const { status, body } = await api(h.url, `/inbox?${query}`, { token });
      expect(status).toBe(200);
      return InboxPage.parse(body);
    }
    const ids = (page: InboxPage): string[] => page.items.map((item) => item.id);

    it('shows queue, mine, my group, all open and closed, with counts that follow each change', async () => {
      await h.handoff.directory.update('amy', { groups: ['billing'] });
      await h.handoff.directory.update('bob', { groups: ['billing'] });
      const calm = await queued('calm', 'P4');
      const urgent = await queued('urgent', 'P1');
      const other = await queued('other', 'P4');

      let page = await inbox(amy, 'view=queue');
      expect(ids(page)[0]).toBe(urgent);
      expect(ids(page).sort()).toEqual([urgent, calm, other].sort());
      expect(page.counts).toEqual({ queue: 3, mine: 0, group: 0, open: 3, closed: 0 });
      expect(page.items[0]).toMatchObject({ state: 'queued', labels: [] });

      expect((await api(h.url, `/handoffs/${calm}/claim`, { token: amy, body: {} })).status).toBe(
        200,
      );
      expect((await api(h.url, `/handoffs/${urgent}/claim`, { token: bob, body: {} })).status).toBe(
        200,
      );
      expect(
        (
          await api(h.url, `/handoffs/${urgent}/transfer`, {
            token: bob,
            body: { to: 'group:billing' },
          })
        ).status,
      ).toBe(200);
      expect((await api(h.url, `/handoffs/${other}/claim`, { token: root, body: {} })).status).toBe(
        200,
      );

      page = await inbox(amy, 'view=mine');
      expect(ids(page)).toEqual([calm]);
      expect(page.items[0]).toMatchObject({ state: 'assigned', agent: 'amy' });
      // My group: billing's queued case and the cases billing's members own; root is in no group.
      page = await inbox(amy, 'view=group');
      expect(ids(page).sort()).toEqual([calm, urgent].sort());
      expect(page.counts).toEqual({ queue: 1, mine: 1, group: 2, open: 3, closed: 0 });
      expect((await inbox(root, 'view=group')).counts.group).toBe(0);
      expect(ids(await inbox(root, 'view=open')).sort()).toEqual([calm, urgent, other].sort());

      const closed = await api(h.url, `/handoffs/${calm}/close`, {
        token: amy,
        body: { resolution: 'explained' },
      });
      expect(closed.status).toBe(200);
      page = await inbox(amy, 'view=closed');
      expect(page.counts).toEqual({ queue: 1, mine: 0, group: 1, open: 2, closed: 1 });
      expect(page.items[0]).toMatchObject({ id: calm, state: 'closed', resolution: 'explained' });
      expect(page.items[0]?.closedAt).toBeDefined();
      // The 回访 the close created is due FOLLOW_UP_HOURS later.
      expect(Date.parse(page.items[0]?.followUpDue ?? '')).toBeGreaterThan(Date.now());
    });

    it('sorts by priority or by wait, and pages with a cursor', async () => {
      const pause = () => new Promise((resolve) => setTimeout(resolve, 20));
      const old = await queued('old', 'P4');
      await pause();
      const middle = await queued('middle', 'P4');
      await pause();
      const urgent = await queued('urgent', 'P1');
      expect(ids(await inbox(amy, 'view=queue&sort=priority'))).toEqual([urgent, old, middle]);
      expect(ids(await inbox(amy, 'view=queue&sort=wait'))).toEqual([old, middle, urgent]);
      const first = await inbox(amy, 'view=queue&sort=wait&limit=2');
      expect(ids(first)).toEqual([old, middle]);
      expect(first.next).toBe('2');
      const second = await inbox(amy, `view=queue&sort=wait&limit=2&cursor=${first.next}`);
      expect(ids(second)).toEqual([urgent]);
      expect(second.next).toBeUndefined();
    });

    it('pages closed cases most recent first', async () => {
      const closedIds: string[] = [];
      for (const name of ['c1', 'c2', 'c3']) {
        const id = await queued(name, 'P4');
        await api(h.url, `/handoffs/${id}/claim`, { token: amy, body: {} });
        await api(h.url, `/handoffs/${id}/close`, {
          token: amy,
          body: { resolution: 'explained' },
        });
        closedIds.push(id);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const first = await inbox(bob, 'view=closed&limit=2');
      expect(ids(first)).toEqual([closedIds[2], closedIds[1]]);
      expect(first.counts.closed).toBe(3);
      expect(ids(await inbox(bob, `view=closed&limit=2&cursor=${first.next ?? ''}`))).toEqual([
        closedIds[0],
      ]);
    });

    it('adds and removes labels, filters every view by one, and tells every console', async () => {
      const labelled = await queued('labelled', 'P4');
      const plain = await queued('plain', 'P4');
      await api(h.url, `/handoffs/${labelled}/claim`, { token: amy, body: {} });
      const bobSocket = await agentSocket(h.url, bob);
      sockets.push(bobSocket);
      const heard = new Promise<{ id: string; labels: string[] }>((resolve) =>
        bobSocket.once('handoff:marked', resolve),
      );
      const added = await api(h.url, `/handoffs/${labelled}/labels`, {
        token: amy,
        body: { add: [' 退款 ', 'VIP'] },
      });
      expect(added).toMatchObject({ status: 200, body: { labels: ['退款', 'VIP'] } });
      expect(await heard).toEqual({ id: labelled, labels: ['退款', 'VIP'] });

      let page = await inbox(amy, `view=open&label=${encodeURIComponent('退款')}`);
      expect(ids(page)).toEqual([labelled]);
      expect(page.items[0]?.labels).toEqual(['退款', 'VIP']);
      expect(page.counts).toMatchObject({ queue: 0, mine: 1, open: 1 });
      expect(ids(await inbox(amy, 'view=open')).sort()).toEqual([labelled, plain].sort());
      const detail = await api(h.url, `/handoffs/${labelled}`, { token: amy });
      expect(detail.body['labels']).toEqual(['退款', 'VIP']);

      const removed = await api(h.url, `/handoffs/${labelled}/labels`, {
        token: amy,
        body: { remove: ['VIP'] },
      });
      expect(removed.body['labels']).toEqual(['退款']);
      await api(h.url, `/handoffs/${labelled}/close`, {
        token: amy,
        body: { resolution: 'explained' },
      });
      page = await inbox(bob, `view=closed&label=${encodeURIComponent('退款')}`);
      expect(ids(page)).toEqual([labelled]);
      expect(page.counts.closed).toBe(1);
      expect((await inbox(bob, 'view=closed&label=VIP')).counts.closed).toBe(0);
    });

    it('refuses bad label requests: shape 400, not owner 403, unclaimed 409, over ten 422', async () => {
      const id = await queued('refusals', 'P4');
      const labels = (token: string, body: unknown) =>
        api(h.url, `/handoffs/${id}/labels`, { token, body });
      expect((await labels(amy, { add: ['x'] })).status).toBe(409);
      await api(h.url, `/handoffs/${id}/claim`, { token: amy, body: {} });
      expect((await labels(amy, {})).status).toBe(400);
      expect((await labels(amy, { add: [''] })).status).toBe(400);
      expect((await labels(amy, { add: ['x'.repeat(33)] })).status).toBe(400);
      expect((await labels(amy, { add: 'x' })).status).toBe(400);
      expect((await labels(amy, { add: ['x'], colour: 'red' })).status).toBe(400);
      expect((await labels(bob, { add: ['x'] })).status).toBe(403);
      // An admin may label another agent's case.
      expect((await labels(root, { add: ['admin'] })).status).toBe(200);
      const nine = Array.from({ length: 9 }, (_, i) => `l${i}`);
      expect((await labels(amy, { add: nine })).status).toBe(200);
      const over = await labels(amy, { add: ['eleventh'] });
      expect(over).toMatchObject({ status: 422, body: { reason: 'too_many_labels' } });
      expect(
        (await labels(amy, { add: Array.from({ length: 11 }, (_, i) => `m${i}`) })).status,
      ).toBe(400);
      expect(
        (
          await api(h.url, '/handoffs/00000000-0000-4000-8000-000000000000/labels', {
            token: amy,
            body: { add: ['x'] },
          })
        ).status,
      ).toBe(404);
      expect(
        (await api(h.url, '/handoffs/nope/labels', { token: amy, body: { add: ['x'] } })).status,
      ).toBe(404);
      expect((await api(h.url, `/handoffs/${id}/labels`, { body: { add: ['x'] } })).status).toBe(
        401,
      );
    });

    it('rejects unknown or malformed inbox queries with 400', async () => {
      for (const query of [
        'view=everything',
        'sort=random',
        'limit=0',
        'limit=101',
        'cursor=-1',
        'label=',
        `label=${'x'.repeat(33)}`,
        'colour=red',
      ]) {
        const { status, body } = await api(h.url, `/inbox?${query}`, { token: amy });
        expect(status, query).toBe(400);
        expect(typeof body['error']).toBe('string');
      }
      expect((await api(h.url, '/inbox')).status).toBe(401);
    });

    it('marks a case as waiting for the customer; the customer writing clears it', async () => {
      const id = await queued('waiting', 'P4');
      const status = (token: string, body: unknown) =>
        api(h.url, `/handoffs/${id}/status`, { token, body });
      expect((await status(amy, { status: 'waiting_customer' })).status).toBe(409);
      await api(h.url, `/handoffs/${id}/claim`, { token: amy, body: {} });
      expect((await status(amy, { status: 'resolved' })).status).toBe(400);
      expect((await status(amy, {})).status).toBe(400);
      expect((await status(bob, { status: 'waiting_customer' })).status).toBe(403);
      const amySocket = await agentSocket(h.url, amy);
      sockets.push(amySocket);
      const marks: Array<{ id: string; waiting?: string }> = [];
      amySocket.on('handoff:marked', (event) => marks.push(event));

      const set = await status(amy, { status: 'waiting_customer' });
      expect(set).toMatchObject({ status: 200, body: { waiting: 'customer' } });
      expect((await inbox(amy, 'view=mine')).items[0]?.waiting).toBe('customer');
      expect((await status(amy, { status: 'in_progress' })).body['waiting']).toBeUndefined();
      expect((await inbox(amy, 'view=mine')).items[0]?.waiting).toBeUndefined();
      await status(amy, { status: 'waiting_customer' });

      const handled = await h.handoff.interceptor.intercept({
        conversationId: 'waiting',
        messageId: 'c-reply',
        text: '我刚查了，账单号是 123',
        channel: 'web',
        at: new Date().toISOString(),
      });
      expect(handled).toBe('handled');
      await expect
        .poll(async () => (await inbox(amy, 'view=mine')).items[0]?.waiting, { timeout: 3000 })
        .toBeUndefined();
      await expect.poll(() => marks.at(-1), { timeout: 3000 }).toEqual({ id, labels: [] });
      expect(marks.map((m) => m.waiting)).toEqual(['customer', undefined, 'customer', undefined]);
    });
  });
}

inboxSuite('memory', () => startHarness());

describe.runIf(await redisAvailable())('Redis', () => {
  const redis = redisScope('inbox');
  inboxSuite('redis', () => startHarness({}, { client: redis.client(), prefix: redis.prefix() }));
});
