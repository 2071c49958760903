import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FollowUps } from '../../src/handoff/follow-ups.port.js';

export interface FollowUpsHarness {
  store: FollowUps;
  /** A ticket id the backend knows (a database refuses follow-ups of unknown tickets). */
  ticket(): Promise<string>;
  close(): Promise<void>;
}

const AT = '2026-12-01T08:00:00.000Z';
const hours = (n: number) => new Date(Date.parse(AT) + n * 3_600_000).toISOString();

/** The behaviour every FollowUps implementation shows. */
export function followUpsContract(name: string, factory: () => Promise<FollowUpsHarness>): void {
  describe(`FollowUps contract: ${name}`, () => {
    let harness: FollowUpsHarness;
    let store: FollowUps;
    beforeEach(async () => {
      harness = await factory();
      store = harness.store;
    });
    afterEach(async () => {
      await harness.close();
    });

    it('schedules a pending task and reads it back by id and by ticket', async () => {
      const ticketId = await harness.ticket();
      const task = await store.schedule({
        ticketId,
        handoffId: 'h-1',
        dueAt: hours(24),
        assignee: 'amy',
      });
      expect(task).toMatchObject({
        ticketId,
        handoffId: 'h-1',
        dueAt: hours(24),
        assignee: 'amy',
        status: 'pending',
      });
      expect(task.outcome).toBeUndefined();
      expect(await store.get(task.id)).toEqual(task);
      const later = await store.schedule({ ticketId, dueAt: hours(48) });
      const earlier = await store.schedule({ ticketId, dueAt: hours(2) });
      expect((await store.forTicket(ticketId)).map((f) => f.id)).toEqual([
        earlier.id,
        task.id,
        later.id,
      ]);
      expect(await store.forTicket('Q20261201-NONE00')).toEqual([]);
      expect(await store.get('no-such-id')).toBeUndefined();
    });

    it('lists pending tasks due before a time, earliest first, per assignee and limited', async () => {
      const ticketId = await harness.ticket();
      const a = await store.schedule({ ticketId, dueAt: hours(3), assignee: 'amy' });
      const b = await store.schedule({ ticketId, dueAt: hours(1), assignee: 'bob' });
      const c = await store.schedule({ ticketId, dueAt: hours(2) });
      await store.schedule({ ticketId, dueAt: hours(30), assignee: 'amy' });
      const done = await store.schedule({ ticketId, dueAt: hours(0), assignee: 'amy' });
      await store.complete(done.id, { status: 'done', by: 'amy', at: hours(0) });
      const ids = async (query: Parameters<FollowUps['due']>[0]) =>
        (await store.due(query)).map((f) => f.id);
      expect(await ids({ before: hours(24) })).toEqual([b.id, c.id, a.id]);
      expect(await ids({ before: hours(24), assignee: 'amy' })).toEqual([a.id]);
      expect(await ids({ before: hours(24), limit: 2 })).toEqual([b.id, c.id]);
      expect(await ids({ before: hours(1) })).toEqual([]);
    });

    it('records the outcome once, with who did it and when; later changes are refused', async () => {
      const ticketId = await harness.ticket();
      const task = await store.schedule({ ticketId, dueAt: hours(24), assignee: 'amy' });
      const done = await store.complete(task.id, {
        status: 'done',
        outcome: '客户表示满意，问题已解决。',
        by: 'bob',
        at: hours(25),
      });
      expect(done).toMatchObject({
        ok: true,
        followUp: {
          status: 'done',
          outcome: '客户表示满意，问题已解决。',
          assignee: 'bob',
          doneAt: hours(25),
        },
      });
      expect(
        await store.complete(task.id, { status: 'unreachable', by: 'amy', at: hours(26) }),
      ).toEqual({
        ok: false,
        reason: 'not_pending',
      });
      expect(await store.assign(task.id, 'amy')).toEqual({ ok: false, reason: 'not_pending' });
      expect((await store.get(task.id))?.status).toBe('done');
      expect(
        await store.complete('no-such-id', { status: 'done', by: 'amy', at: hours(1) }),
      ).toEqual({
        ok: false,
        reason: 'not_found',
      });
    });

    it('two agents completing at once: exactly one outcome lands', async () => {
      const ticketId = await harness.ticket();
      const task = await store.schedule({ ticketId, dueAt: hours(1) });
      const outcomes = await Promise.all(
        ['amy', 'bob'].map((by) =>
          store.complete(task.id, { status: 'done', outcome: by, by, at: hours(2) }),
        ),
      );
      expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
      const winner = outcomes.find((o) => o.ok);
      expect((await store.get(task.id))?.outcome).toBe(
        winner?.ok ? winner.followUp.outcome : 'none',
      );
    });

    it('reassigns a pending task; refuses bad input before storing anything', async () => {
      const ticketId = await harness.ticket();
      const task = await store.schedule({ ticketId, dueAt: hours(1), assignee: 'amy' });
      expect(await store.assign(task.id, 'bob')).toMatchObject({
        ok: true,
        followUp: { assignee: 'bob' },
      });
      expect(await store.assign('no-such-id', 'bob')).toEqual({ ok: false, reason: 'not_found' });
      await expect(store.schedule({ ticketId, dueAt: 'tomorrow' })).rejects.toThrow();
      await expect(
        store.complete(task.id, { status: 'pending' as 'done', by: 'amy', at: hours(1) }),
      ).rejects.toThrow();
      expect(await store.forTicket(ticketId)).toHaveLength(1);
      expect((await store.get(task.id))?.status).toBe('pending');
    });
  });
}
