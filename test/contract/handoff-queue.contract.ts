import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HandoffTimer } from '../../src/handoff/handoff.js';
import type { HandoffQueue } from '../../src/handoff/handoff-queue.port.js';
import { newHandoff } from '../handoff/fixtures.js';

export type HandoffQueueFixture = {
  queue: HandoffQueue;
  /** A second queue over the same storage (another instance, or the same one after a restart). */
  reopen(): Promise<HandoffQueue>;
  cleanup(): Promise<void>;
};

const AT = '2026-11-25T10:00:00.000Z';
const later = (minutes: number): string =>
  new Date(Date.parse(AT) + minutes * 60_000).toISOString();

/** The behaviour every HandoffQueue must show, run against memory and BullMQ/Redis. */
export function handoffQueueContract(
  name: string,
  factory: () => Promise<HandoffQueueFixture>,
): void {
  describe(`HandoffQueue contract: ${name}`, () => {
    let fixture: HandoffQueueFixture;
    let queue: HandoffQueue;
    beforeEach(async () => {
      fixture = await factory();
      queue = fixture.queue;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    it('enqueues once per active conversation and finds it again', async () => {
      const first = await queue.enqueue(newHandoff({ conversationId: 'c1' }));
      const again = await queue.enqueue(newHandoff({ conversationId: 'c1', boost: 50 }));
      expect(again.id).toBe(first.id);
      expect(first.state).toBe('queued');
      expect(await queue.get(first.id)).toEqual(first);
      expect((await queue.latest('c1'))?.id).toBe(first.id);
      expect(await queue.latest('nobody')).toBeUndefined();
      expect(await queue.get('missing')).toBeUndefined();
    });

    it('creates one handoff when the same conversation is enqueued concurrently', async () => {
      const all = await Promise.all(
        Array.from({ length: 6 }, () => queue.enqueue(newHandoff({ conversationId: 'dup' }))),
      );
      expect(new Set(all.map((h) => h.id)).size).toBe(1);
      expect(await queue.list()).toHaveLength(1);
    });

    it('orders the queue by boost plus waiting time, and reports positions', async () => {
      const calm = await queue.enqueue(newHandoff({ conversationId: 'calm', at: AT, boost: 0 }));
      const angry = await queue.enqueue(
        newHandoff({ conversationId: 'angry', at: later(5), boost: 30 }),
      );
      const old = await queue.enqueue(
        newHandoff({ conversationId: 'old', at: later(-40), boost: 0 }),
      );
      expect((await queue.list()).map((h) => h.id)).toEqual([old.id, angry.id, calm.id]);
      expect(await queue.position(old.id)).toBe(1);
      expect(await queue.position(calm.id)).toBe(3);
    });

    it('lets exactly one of many concurrent claims win; the rest are told it is taken', async () => {
      const handoff = await queue.enqueue(newHandoff({ conversationId: 'race' }));
      const agents = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'];
      const outcomes = await Promise.all(agents.map((a) => queue.claim(handoff.id, a, later(1))));
      const winners = outcomes.filter((o) => o.ok);
      expect(winners).toHaveLength(1);
      expect(outcomes.filter((o) => !o.ok && o.reason === 'taken')).toHaveLength(5);
      const winner = winners[0]?.ok === true ? winners[0].handoff.agent : undefined;
      expect((await queue.get(handoff.id))?.agent).toBe(winner);
      expect(await queue.list()).toEqual([]);
      expect(await queue.position(handoff.id)).toBeUndefined();
      expect((await queue.assignedTo(winner ?? '')).map((h) => h.id)).toEqual([handoff.id]);
      expect(await queue.claim('missing', 'a1', AT)).toEqual({ ok: false, reason: 'not_found' });
    });

    it('requeues a released case at its original place', async () => {
      const first = await queue.enqueue(newHandoff({ conversationId: 'first', at: AT }));
      const second = await queue.enqueue(newHandoff({ conversationId: 'second', at: later(1) }));
      await queue.claim(first.id, 'amy', later(2));
      expect(await queue.update(first.id, { kind: 'release', agent: 'bob', at: later(3) })).toEqual(
        {
          ok: false,
          reason: 'not_owner',
        },
      );
      const released = await queue.update(first.id, {
        kind: 'release',
        agent: 'amy',
        at: later(3),
      });
      expect(released.ok && released.handoff.state).toBe('queued');
      expect((await queue.list()).map((h) => h.id)).toEqual([first.id, second.id]);
      expect(await queue.assignedTo('amy')).toEqual([]);
    });

    it('transfers to another agent or back to the queue for a group, only by the owner', async () => {
      const h = await queue.enqueue(newHandoff({ conversationId: 't1' }));
      await queue.claim(h.id, 'amy', later(1));
      const refused = await queue.update(h.id, {
        kind: 'transfer',
        from: 'bob',
        to: { agent: 'carl' },
        at: later(2),
      });
      expect(refused).toEqual({ ok: false, reason: 'not_owner' });
      await queue.update(h.id, {
        kind: 'transfer',
        from: 'amy',
        to: { agent: 'bob' },
        at: later(2),
      });
      expect((await queue.assignedTo('bob')).map((x) => x.id)).toEqual([h.id]);
      expect(await queue.assignedTo('amy')).toEqual([]);
      const grouped = await queue.update(h.id, {
        kind: 'transfer',
        from: 'bob',
        to: { group: 'billing' },
        at: later(3),
      });
      expect(grouped.ok && [grouped.handoff.state, grouped.handoff.group]).toEqual([
        'queued',
        'billing',
      ]);
      expect(await queue.position(h.id)).toBe(1);
    });

    it('closes only by the owner, records handling time, notes and one survey answer', async () => {
      const h = await queue.enqueue(newHandoff({ conversationId: 'close' }));
      await queue.claim(h.id, 'amy', later(1));
      const note = { id: 'n1', agent: 'amy', text: '客户情绪激动', at: later(2) };
      await queue.update(h.id, { kind: 'note', note });
      const resolution = { code: 'refunded' };
      expect(
        await queue.update(h.id, { kind: 'close', agent: 'bob', resolution, at: later(5) }),
      ).toEqual({ ok: false, reason: 'not_owner' });
      const closed = await queue.update(h.id, {
        kind: 'close',
        agent: 'amy',
        resolution,
        at: later(5),
      });
      expect(closed.ok && closed.handoff).toMatchObject({
        state: 'closed',
        resolution,
        notes: [note],
        surveyPending: true,
      });
      expect(await queue.recentHandlingSeconds(10)).toEqual([240]);
      expect(await queue.assignedTo('amy')).toEqual([]);
      expect(await queue.claim(h.id, 'bob', later(6))).toEqual({ ok: false, reason: 'closed' });
      const survey = { rating: 4, comment: '还行', at: later(7) };
      const surveyed = await queue.update(h.id, { kind: 'survey', survey });
      expect(surveyed.ok && surveyed.handoff.survey).toEqual(survey);
      expect((await queue.update(h.id, { kind: 'survey', survey })).ok).toBe(false);
      const reopened = await queue.enqueue(newHandoff({ conversationId: 'close', at: later(8) }));
      expect(reopened.id).not.toBe(h.id);
    });

    it('lists open cases and pages closed ones, most recently closed first', async () => {
      const ids: string[] = [];
      for (const [i, name] of ['a', 'b', 'c', 'd'].entries()) {
        const h = await queue.enqueue(newHandoff({ conversationId: `page-${name}`, at: later(i) }));
        ids.push(h.id);
      }
      const [a, b, c, d] = ids as [string, string, string, string];
      await queue.claim(b, 'amy', later(5));
      expect((await queue.open()).map((h) => h.id).sort()).toEqual([...ids].sort());
      expect(await queue.closed({ offset: 0, limit: 10 })).toEqual({ items: [], total: 0 });
      for (const [i, id] of [a, c, d].entries()) {
        await queue.claim(id, 'bob', later(6));
        await queue.update(id, {
          kind: 'close',
          agent: 'bob',
          resolution: { code: 'explained' },
          at: later(10 + (i === 1 ? 20 : i)),
        });
      }
      expect((await queue.open()).map((h) => h.id)).toEqual([b]);
      // Closed at +10 (a), +30 (c), +12 (d): newest first is c, d, a.
      const first = await queue.closed({ offset: 0, limit: 2 });
      expect(first.total).toBe(3);
      expect(first.items.map((h) => h.id)).toEqual([c, d]);
      expect(first.items.every((h) => h.state === 'closed')).toBe(true);
      const second = await queue.closed({ offset: 2, limit: 2 });
      expect(second).toMatchObject({ total: 3 });
      expect(second.items.map((h) => h.id)).toEqual([a]);
      const other = await fixture.reopen();
      expect((await other.closed({ offset: 0, limit: 5 })).items.map((h) => h.id)).toEqual([
        c,
        d,
        a,
      ]);
      await other.shutdown();
    });

    it('adds and removes labels atomically, refusing more than ten', async () => {
      const h = await queue.enqueue(newHandoff({ conversationId: 'labels' }));
      expect(h.labels).toEqual([]);
      const one = await queue.update(h.id, {
        kind: 'labels',
        agent: 'amy',
        add: ['退款', 'VIP', '退款'],
        remove: [],
        at: later(1),
      });
      expect(one.ok && one.handoff.labels).toEqual(['退款', 'VIP']);
      const concurrent = await Promise.all(
        ['x1', 'x2', 'x3', 'x4'].map((label) =>
          queue.update(h.id, {
            kind: 'labels',
            agent: 'amy',
            add: [label],
            remove: [],
            at: later(2),
          }),
        ),
      );
      expect(concurrent.every((o) => o.ok)).toBe(true);
      expect((await queue.get(h.id))?.labels.sort()).toEqual(
        ['VIP', 'x1', 'x2', 'x3', 'x4', '退款'].sort(),
      );
      const swapped = await queue.update(h.id, {
        kind: 'labels',
        agent: 'amy',
        add: ['投诉升级'],
        remove: ['VIP', 'absent'],
        at: later(3),
      });
      expect(swapped.ok && swapped.handoff.labels).not.toContain('VIP');
      expect(swapped.ok && swapped.handoff.labels).toContain('投诉升级');
      const tooMany = await queue.update(h.id, {
        kind: 'labels',
        agent: 'amy',
        add: ['l1', 'l2', 'l3', 'l4', 'l5'],
        remove: [],
        at: later(4),
      });
      expect(tooMany).toEqual({ ok: false, reason: 'too_many_labels' });
      expect((await queue.get(h.id))?.labels).toHaveLength(6);
    });

    it('marks an assigned case as waiting on the customer and clears it on release or close', async () => {
      const h = await queue.enqueue(newHandoff({ conversationId: 'waiting' }));
      expect(
        await queue.update(h.id, { kind: 'waiting', waiting: 'customer', at: later(1) }),
      ).toEqual({ ok: false, reason: 'not_assigned' });
      await queue.claim(h.id, 'amy', later(1));
      const waiting = await queue.update(h.id, {
        kind: 'waiting',
        agent: 'amy',
        waiting: 'customer',
        at: later(2),
      });
      expect(waiting.ok && waiting.handoff.waiting).toBe('customer');
      const cleared = await queue.update(h.id, { kind: 'waiting', at: later(3) });
      expect(cleared.ok && cleared.handoff.waiting).toBeUndefined();
      await queue.update(h.id, {
        kind: 'waiting',
        agent: 'amy',
        waiting: 'customer',
        at: later(4),
      });
      const released = await queue.update(h.id, { kind: 'release', at: later(5) });
      expect(released.ok && released.handoff.waiting).toBeUndefined();
      await queue.claim(h.id, 'bob', later(6));
      await queue.update(h.id, {
        kind: 'waiting',
        agent: 'bob',
        waiting: 'customer',
        at: later(7),
      });
      const closed = await queue.update(h.id, {
        kind: 'close',
        agent: 'bob',
        resolution: { code: 'explained' },
        at: later(8),
      });
      expect(closed.ok && closed.handoff.waiting).toBeUndefined();
      expect(
        await queue.update(h.id, { kind: 'waiting', waiting: 'customer', at: later(9) }),
      ).toEqual({ ok: false, reason: 'closed' });
    });

    it('keeps everything for another instance over the same storage', async () => {
      const h = await queue.enqueue(newHandoff({ conversationId: 'persist' }));
      await queue.claim(h.id, 'amy', later(1));
      const other = await fixture.reopen();
      expect(await other.get(h.id)).toEqual(await queue.get(h.id));
      expect((await other.assignedTo('amy')).map((x) => x.id)).toEqual([h.id]);
      await other.shutdown();
    });

    it('fires a delayed timer once, retries a failing handler, and forgets a cancelled one', async () => {
      const seen: HandoffTimer[] = [];
      let failures = 0;
      queue.onTimer((timer) => {
        if (timer.kind === 'follow_up' && failures++ === 0) throw new Error('transient');
        seen.push(timer);
        return Promise.resolve();
      });
      const soon = new Date(Date.now() + 150);
      await queue.schedule({ kind: 'sla_breach', handoffId: 'h1' }, soon);
      await queue.schedule({ kind: 'follow_up', handoffId: 'h1' }, soon);
      await queue.schedule({ kind: 'agent_grace', handoffId: 'h2', agent: 'amy' }, soon);
      await queue.cancel('agent_grace', 'h2');
      await expect.poll(() => seen.length, { timeout: 8000, interval: 50 }).toBe(2);
      expect(seen.map((t) => t.kind).sort()).toEqual(['follow_up', 'sla_breach']);
      expect(failures).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(seen).toHaveLength(2);
    });
  });
}
