import { describe, expect, it } from 'vitest';
import type { QueueItem } from '../../src/handoff/agent-events.js';
import { NAUGHTY_STRINGS } from '../fixtures/naughty-strings.js';
import { api, draft, login } from './harness.js';
import { agentTestbed } from '../support/agent-testbed.js';

const turn = (conversationId: string, text: string) => ({
  conversationId,
  messageId: `c-${text}`,
  text,
  channel: 'web',
  at: new Date().toISOString(),
});

describe('agent API and handoff service (embedded)', () => {
  const bed = agentTestbed();

  async function queuedCase(conversationId: string) {
    const ticket = await bed.h.tickets.create(
      draft(conversationId, {
        slots: { demand: { value: 'refund', raw: '退钱', confidence: 0.9 } },
        missingSlots: ['contact_phone'],
      }),
    );
    await bed.h.delivery.append(conversationId, {
      id: `${conversationId}-1`,
      from: 'customer',
      text: '你们乱扣我话费,气死我了,退钱!',
      at: new Date().toISOString(),
    });
    await bed.h.delivery.send(conversationId, {
      from: 'bot',
      text: `已为您登记工单 ${ticket.id},24 小时内答复。`,
      meta: { act: 'ticket', ticketId: ticket.id },
    });
    const outcome = await bed.h.handoff.trigger.request({
      conversationId,
      ticketId: ticket.id,
      rule: 'anger',
      lang: 'zh',
      channel: 'web',
    });
    return { ticket, outcome };
  }

  it('plays a handoff from queue to survey: one claim wins, notes stay private', async () => {
    const { token: amy, socket: amySocket } = await bed.signIn('amy');
    const { token: bob, socket: bobSocket } = await bed.signIn('bob');
    const announced = new Promise<QueueItem>((resolve) => amySocket.once('queue:added', resolve));

    const { ticket, outcome } = await queuedCase('conv-1');
    expect(outcome).toEqual({ state: 'queued', position: 1, etaSeconds: 150 });
    const item = await announced;
    expect(item.ticketId).toBe(ticket.id);
    expect(item.summary.demand).toBe('退钱');
    expect(item.summary.missing).toEqual(['contact_phone']);
    expect(bed.h.delivery.statuses.at(-1)?.status).toEqual({
      state: 'queued',
      position: 1,
      etaSeconds: 150,
    });

    const queue = await api(bed.h.url, '/queue', { token: amy });
    expect(queue.status).toBe(200);
    expect((queue.body['items'] as QueueItem[]).map((i) => i.id)).toEqual([item.id]);

    const claims = await Promise.all([
      api(bed.h.url, `/handoffs/${item.id}/claim`, { token: amy, body: {} }),
      api(bed.h.url, `/handoffs/${item.id}/claim`, { token: bob, body: {} }),
    ]);
    expect(claims.map((c) => c.status).sort()).toEqual([200, 409]);
    const winner = claims[0]?.status === 200 ? amy : bob;
    const loser = winner === amy ? bob : amy;
    const winnerName = winner === amy ? 'amy' : 'bob';
    expect(bed.h.delivery.statuses.at(-1)?.status).toEqual({
      state: 'assigned',
      agentName: winnerName,
    });

    const forbidden = await api(bed.h.url, `/handoffs/${item.id}/messages`, {
      token: loser,
      body: { text: 'hi' },
    });
    expect(forbidden.status).toBe(403);
    const sent = await api(bed.h.url, `/handoffs/${item.id}/messages`, {
      token: winner,
      body: { text: '您好,我来处理' },
    });
    expect(sent.status).toBe(200);
    const note = await api(bed.h.url, `/handoffs/${item.id}/notes`, {
      token: winner,
      body: { text: 'SECRET: 客户是 VIP' },
    });
    expect(note.status).toBe(200);

    const winnerSocket = winner === amy ? amySocket : bobSocket;
    const forwarded = new Promise((resolve) => winnerSocket.once('customer:message', resolve));
    expect(await bed.h.handoff.interceptor.intercept(turn('conv-1', '好的,快点'))).toBe('handled');
    expect(await forwarded).toMatchObject({ handoffId: item.id, message: { text: '好的,快点' } });

    const detail = await api(bed.h.url, `/handoffs/${item.id}`, { token: winner });
    expect(detail.body).toMatchObject({ id: item.id, state: 'assigned', agent: winnerName });
    expect((detail.body['notes'] as Array<{ text: string }>).map((n) => n.text)).toEqual([
      'SECRET: 客户是 VIP',
    ]);
    const customerSees = await bed.h.delivery.list('conv-1');
    expect(customerSees.some((m) => m.text.includes('SECRET'))).toBe(false);
    expect(customerSees.some((m) => m.from === 'agent' && m.text === '您好,我来处理')).toBe(true);

    expect(
      (
        await api(bed.h.url, `/handoffs/${item.id}/close`, {
          token: loser,
          body: { resolution: 'x' },
        })
      ).status,
    ).toBe(403);
    const closed = await api(bed.h.url, `/handoffs/${item.id}/close`, {
      token: winner,
      body: { resolution: 'refunded' },
    });
    expect(closed.body).toMatchObject({ state: 'closed' });
    expect(bed.h.delivery.statuses.at(-1)?.status).toEqual({ state: 'closed' });
    expect((await bed.h.delivery.list('conv-1')).at(-1)?.meta).toMatchObject({ act: 'survey' });
    expect((await bed.h.tickets.get(ticket.id))?.status).toBe('resolved');

    expect(await bed.h.handoff.interceptor.intercept(turn('conv-1', '4 分,还不错'))).toBe(
      'handled',
    );
    expect((await bed.h.delivery.list('conv-1')).at(-1)?.meta).toMatchObject({ act: 'close' });
    const afterSurvey = await api(bed.h.url, `/handoffs/${item.id}`, { token: winner });
    expect(afterSurvey.body['survey']).toMatchObject({ rating: 4, comment: '还不错' });
    expect(await bed.h.handoff.interceptor.intercept(turn('conv-1', '还有个问题'))).toBe(
      'continue',
    );
  });

  it('answers 401 on every endpoint without a valid token, 400 on bad bodies, 404 on unknown ids', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const calls: Array<[string, unknown]> = [
      ['/queue', undefined],
      ['/me', undefined],
      [`/handoffs/${id}`, undefined],
      [`/handoffs/${id}/claim`, {}],
      [`/handoffs/${id}/messages`, { text: 'x' }],
      [`/handoffs/${id}/notes`, { text: 'x' }],
      [`/handoffs/${id}/transfer`, { to: 'bob' }],
      [`/handoffs/${id}/close`, { resolution: 'done' }],
    ];
    for (const [path, body] of calls) {
      expect((await api(bed.h.url, path, { body })).status, path).toBe(401);
      expect((await api(bed.h.url, path, { body, token: 'forged.token.value' })).status, path).toBe(
        401,
      );
    }
    const amy = await login(bed.h.url, 'amy');
    expect((await api(bed.h.url, `/handoffs/${id}/claim`, { token: amy, body: {} })).status).toBe(
      404,
    );
    expect((await api(bed.h.url, `/handoffs/not-a-uuid`, { token: amy })).status).toBe(404);
    const { outcome } = await queuedCase('conv-2');
    expect(outcome.state).toBe('queued');
    const [item] = (await api(bed.h.url, '/queue', { token: amy })).body['items'] as QueueItem[];
    await api(bed.h.url, `/handoffs/${item?.id}/claim`, { token: amy, body: {} });
    const empty = await api(bed.h.url, `/handoffs/${item?.id}/messages`, {
      token: amy,
      body: { text: '  ' },
    });
    expect(empty.status).toBe(400);
    const huge = await api(bed.h.url, `/handoffs/${item?.id}/messages`, {
      token: amy,
      body: { text: 'x'.repeat(5000) },
    });
    expect(huge.status).toBe(400);
    const wrongType = await api(bed.h.url, `/handoffs/${item?.id}/notes`, {
      token: amy,
      body: { text: 42 },
    });
    expect(wrongType.status).toBe(400);
    const malformed = await fetch(`${bed.h.url}/api/agent/handoffs/${item?.id}/notes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${amy}` },
      body: '{"text": ',
    });
    expect(malformed.status).toBe(400);
  });

  it('answers hostile texts in messages and notes with 200 or a clear 400, never a crash', async () => {
    const amy = await login(bed.h.url, 'amy');
    await queuedCase('conv-naughty');
    const [item] = (await api(bed.h.url, '/queue', { token: amy })).body['items'] as QueueItem[];
    await api(bed.h.url, `/handoffs/${item?.id}/claim`, { token: amy, body: {} });
    for (const text of NAUGHTY_STRINGS) {
      for (const kind of ['messages', 'notes']) {
        const { status, body } = await api(bed.h.url, `/handoffs/${item?.id}/${kind}`, {
          token: amy,
          body: { text },
        });
        expect([200, 400], `${kind} ${JSON.stringify(text).slice(0, 40)}`).toContain(status);
        if (status === 400) expect(body['error']).toEqual(expect.any(String));
      }
    }
    const sent = (await bed.h.delivery.list('conv-naughty')).filter((m) => m.from === 'agent');
    expect(sent.map((m) => m.text)).toEqual(
      NAUGHTY_STRINGS.map((t) => t.trim()).filter((t) => t !== '' && t.length <= 4000),
    );
  });

  it('transfers to another agent or to a group, and lets an admin act on any case', async () => {
    const [amy, bob, root] = [
      await login(bed.h.url, 'amy'),
      await login(bed.h.url, 'bob'),
      await login(bed.h.url, 'root'),
    ];
    await queuedCase('conv-3');
    const [item] = (await api(bed.h.url, '/queue', { token: amy })).body['items'] as QueueItem[];
    const id = item?.id ?? '';
    await api(bed.h.url, `/handoffs/${id}/claim`, { token: amy, body: {} });
    expect(
      (await api(bed.h.url, `/handoffs/${id}/transfer`, { token: amy, body: { to: 'nobody' } }))
        .status,
    ).toBe(400);
    expect(
      (await api(bed.h.url, `/handoffs/${id}/transfer`, { token: bob, body: { to: 'bob' } }))
        .status,
    ).toBe(403);
    const moved = await api(bed.h.url, `/handoffs/${id}/transfer`, {
      token: amy,
      body: { to: 'bob' },
    });
    expect(moved.body).toMatchObject({ state: 'assigned', agent: 'bob' });
    expect(
      (await api(bed.h.url, `/handoffs/${id}/messages`, { token: amy, body: { text: 'x' } }))
        .status,
    ).toBe(403);
    const grouped = await api(bed.h.url, `/handoffs/${id}/transfer`, {
      token: root,
      body: { to: 'group:billing' },
    });
    expect(grouped.body).toMatchObject({ state: 'queued', group: 'billing' });
    expect(bed.h.delivery.statuses.at(-1)?.status).toMatchObject({ state: 'queued', position: 1 });
  });
});
