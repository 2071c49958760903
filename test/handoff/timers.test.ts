import { afterEach, describe, expect, it } from 'vitest';
import type { HandoffAlert, QueueItem } from '../../src/handoff/agent-events.js';
import { CUSTOMER_TEXT } from '../../src/handoff/customer-text.js';
import {
  agentSocket,
  api,
  draft,
  login,
  startHarness,
  type AgentSocket,
  type Harness,
} from './harness.js';

async function handOff(h: Harness, conversationId: string) {
  const ticket = await h.tickets.create(draft(conversationId));
  return h.handoff.trigger.request({
    conversationId,
    ticketId: ticket.id,
    rule: 'request_human',
    lang: 'zh',
    channel: 'web',
  });
}

describe('handoff timers and hours', () => {
  let h: Harness | undefined;
  const sockets: AgentSocket[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await h?.close();
  });

  it('requeues a disconnected agent’s case after the grace period and tells the customer', async () => {
    h = await startHarness({ AGENT_GRACE_SECONDS: '1' });
    const [amy, bob] = [await login(h.url, 'amy'), await login(h.url, 'bob')];
    const amySocket = await agentSocket(h.url, amy);
    const bobSocket = await agentSocket(h.url, bob);
    sockets.push(bobSocket);
    await handOff(h, 'grace-1');
    const [item] = (await api(h.url, '/queue', { token: amy })).body['items'] as QueueItem[];
    expect((await api(h.url, `/handoffs/${item?.id}/claim`, { token: amy, body: {} })).status).toBe(
      200,
    );
    const back = new Promise<QueueItem>((resolve) => bobSocket.once('queue:added', resolve));
    amySocket.disconnect();
    expect((await back).id).toBe(item?.id);
    const lines = await h.delivery.list('grace-1');
    expect(lines.at(-1)).toMatchObject({ from: 'system', text: CUSTOMER_TEXT.zh.requeued });
    expect(h.delivery.statuses.at(-1)?.status).toMatchObject({ state: 'queued', position: 1 });
  });

  it('keeps the case when the agent comes back within the grace period', async () => {
    h = await startHarness({ AGENT_GRACE_SECONDS: '1' });
    const amy = await login(h.url, 'amy');
    const first = await agentSocket(h.url, amy);
    await handOff(h, 'grace-2');
    const [item] = (await api(h.url, '/queue', { token: amy })).body['items'] as QueueItem[];
    await api(h.url, `/handoffs/${item?.id}/claim`, { token: amy, body: {} });
    first.disconnect();
    sockets.push(await agentSocket(h.url, amy));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const detail = await api(h.url, `/handoffs/${item?.id}`, { token: amy });
    expect(detail.body).toMatchObject({ state: 'assigned', agent: 'amy' });
  });

  it('alerts agents when a queued case breaches its SLA', async () => {
    h = await startHarness({ HANDOFF_SLA_MINUTES: '0,0,0,0' });
    const socket = await agentSocket(h.url, await login(h.url, 'amy'));
    sockets.push(socket);
    const alert = new Promise<HandoffAlert>((resolve) => socket.once('handoff:alert', resolve));
    await handOff(h, 'sla-1');
    expect(await alert).toMatchObject({ kind: 'sla_breach' });
  });

  it('tells the customer when agents are back, outside business hours, and still queues the case', async () => {
    const now = new Date();
    const closedDay = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][(now.getUTCDay() + 3) % 7];
    h = await startHarness({
      BUSINESS_HOURS: `${closedDay}-${closedDay} 09:00-10:00`,
      BUSINESS_TIME_ZONE: 'UTC',
    });
    const outcome = await handOff(h, 'night-1');
    expect(outcome.state).toBe('out_of_hours');
    const contactAt = outcome.state === 'out_of_hours' ? new Date(outcome.contactAt) : now;
    expect(contactAt.getTime()).toBeGreaterThan(now.getTime());
    expect(contactAt.getUTCHours()).toBe(9);
    const amy = await login(h.url, 'amy');
    expect((await api(h.url, '/queue', { token: amy })).body['items']).toHaveLength(1);
  });
});
