import { afterEach, describe, expect, it } from 'vitest';
import type { FollowUp } from '../../src/handoff/follow-up.js';
import { auditEntry } from '../../src/records/audit-entry.js';
import { AuditLog } from '../../src/records/audit-log.js';
import { PgFollowUps } from '../../src/records/pg.follow-ups.js';
import { PgTicketStore } from '../../src/records/pg.ticket-store.js';
import { openTestDatabase, testBackends, type TestDatabase } from '../records/databases.js';
import { api, draft, login, startHarness, type Harness } from './harness.js';

type Backend = 'memory' | Awaited<ReturnType<typeof testBackends>>[number];

/** The handoff subsystem with memory stores, or with the system of record's on a database. */
async function harnessOn(
  backend: Backend,
  env: Record<string, string> = {},
): Promise<{ h: Harness; audited: () => Promise<string[]>; close(): Promise<void> }> {
  if (backend === 'memory') {
    const h = await startHarness(env);
    return { h, audited: () => Promise.resolve([]), close: () => h.close() };
  }
  const test: TestDatabase = await openTestDatabase(backend);
  const { db } = test.database;
  const audit = new AuditLog(db);
  const h = await startHarness(env, undefined, {
    tickets: new PgTicketStore(db),
    followUps: new PgFollowUps(db),
    audit: (action) => audit.record(auditEntry(action)),
  });
  return {
    h,
    audited: async () =>
      (await audit.list({ from: new Date(0), to: new Date(Date.now() + 60_000), limit: 50 })).map(
        (entry) =>
          `${entry.actor} ${entry.action} ${entry.targetId} ${String(entry.detail['status'])}`,
      ),
    close: async () => {
      await h.close();
      await test.drop();
    },
  };
}

/** A case queued, claimed by `agent` and closed through the HTTP API with `resolution`. */
async function closedCase(h: Harness, token: string, conversationId: string, resolution: unknown) {
  const ticket = await h.tickets.create(draft(conversationId));
  await h.handoff.trigger.request({
    conversationId,
    ticketId: ticket.id,
    rule: 'anger',
    lang: 'zh',
    channel: 'web',
  });
  const [item] = (await api(h.url, '/queue', { token })).body['items'] as Array<{ id: string }>;
  if (item === undefined) throw new Error('not queued');
  expect((await api(h.url, `/handoffs/${item.id}/claim`, { token, body: {} })).status).toBe(200);
  const closed = await api(h.url, `/handoffs/${item.id}/close`, { token, body: { resolution } });
  expect(closed.status).toBe(200);
  return { ticketId: ticket.id, handoffId: item.id, closedAt: Date.now() };
}

const list = async (h: Harness, token: string, query: string) => {
  const { status, body } = await api(h.url, `/follow-ups${query}`, { token });
  expect(status).toBe(200);
  return body['items'] as FollowUp[];
};

for (const backend of ['memory', ...(await testBackends())] as Backend[]) {
  describe(`回访 through the agent API (${backend})`, () => {
    let running: Awaited<ReturnType<typeof harnessOn>> | undefined;
    afterEach(async () => {
      await running?.close();
      running = undefined;
    });

    it('closing a case schedules a follow-up for the closing agent; the outcome is recorded once and audited', async () => {
      running = await harnessOn(backend);
      const { h } = running;
      const [amy, bob] = [await login(h.url, 'amy'), await login(h.url, 'bob')];
      const { ticketId, handoffId, closedAt } = await closedCase(h, amy, 'conv-fu', 'refunded');

      // Due FOLLOW_UP_HOURS (24) after the close: tomorrow, so not in today's list.
      expect(await list(h, amy, '?due=today')).toEqual([]);
      const [task, ...more] = await list(h, amy, '?due=all');
      expect(more).toEqual([]);
      expect(task).toMatchObject({ ticketId, handoffId, assignee: 'amy', status: 'pending' });
      expect(Math.abs(Date.parse(task?.dueAt ?? '') - (closedAt + 24 * 3_600_000))).toBeLessThan(
        5000,
      );
      expect(await list(h, bob, '?due=all')).toEqual([]);

      const done = await api(h.url, `/follow-ups/${task?.id}`, {
        token: amy,
        body: { status: 'done', outcome: '客户确认已退款,满意' },
      });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ status: 'done', outcome: '客户确认已退款,满意' });
      const again = await api(h.url, `/follow-ups/${task?.id}`, {
        token: bob,
        body: { status: 'unreachable' },
      });
      expect(again).toEqual({
        status: 409,
        body: { error: 'this follow-up already has an outcome', reason: 'not_pending' },
      });
      expect(await list(h, amy, '?due=all')).toEqual([]);
      if (backend !== 'memory')
        expect(await running.audited()).toEqual([`amy follow_up.outcome ${task?.id} done`]);
    });

    it('a resolution that needs no follow-up schedules none', async () => {
      running = await harnessOn(backend);
      const { h } = running;
      const amy = await login(h.url, 'amy');
      await closedCase(h, amy, 'conv-none', { code: 'duplicate', followUp: false });
      expect(await list(h, amy, '?due=all')).toEqual([]);
    });

    it('lists what is due today and what is overdue, per FOLLOW_UP_HOURS', async () => {
      // 0.36 s: due today (unless run within that of midnight in Asia/Shanghai), then overdue.
      running = await harnessOn(backend, { FOLLOW_UP_HOURS: '0.0001' });
      const { h } = running;
      const amy = await login(h.url, 'amy');
      const { ticketId } = await closedCase(h, amy, 'conv-soon', 'fixed');
      expect((await list(h, amy, '')).map((f) => f.ticketId)).toEqual([ticketId]);
      expect((await list(h, amy, '?due=today')).map((f) => f.ticketId)).toEqual([ticketId]);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await list(h, amy, '?due=overdue')).map((f) => f.ticketId)).toEqual([ticketId]);
    });

    it('refuses bad input with a clear error and changes nothing', async () => {
      running = await harnessOn(backend);
      const { h } = running;
      const amy = await login(h.url, 'amy');
      await closedCase(h, amy, 'conv-bad', 'fixed');
      const [task] = await list(h, amy, '?due=all');
      expect((await api(h.url, '/follow-ups?due=tomorrow', { token: amy })).status).toBe(400);
      expect((await api(h.url, '/follow-ups?limit=0', { token: amy })).status).toBe(400);
      const pending = await api(h.url, `/follow-ups/${task?.id}`, {
        token: amy,
        body: { status: 'pending' },
      });
      expect(pending.status).toBe(400);
      expect(pending.body['error']).toMatch(/^status:/);
      const extra = await api(h.url, `/follow-ups/${task?.id}`, {
        token: amy,
        body: { status: 'done', by: 'bob' },
      });
      expect(extra.status).toBe(400);
      const long = await api(h.url, `/follow-ups/${task?.id}`, {
        token: amy,
        body: { status: 'done', outcome: 'x'.repeat(2001) },
      });
      expect(long.status).toBe(400);
      for (const id of ['not-a-uuid', '00000000-0000-4000-8000-000000000000'])
        expect(
          await api(h.url, `/follow-ups/${id}`, { token: amy, body: { status: 'done' } }),
        ).toMatchObject({ status: 404, body: { reason: 'not_found' } });
      expect((await api(h.url, '/follow-ups', {})).status).toBe(401);
      expect(await list(h, amy, '?due=all')).toMatchObject([{ id: task?.id, status: 'pending' }]);
    });
  });
}
