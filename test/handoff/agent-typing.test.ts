import type { CustomerDelivery } from '../../src/channels/customer-delivery.port.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  agentSocket,
  api,
  draft,
  login,
  startHarness,
  type AgentSocket,
  type Harness,
} from './harness.js';

const settle = (ms = 300): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('typing indicators between the agent console and the customer', () => {
  let h: Harness;
  const sockets: AgentSocket[] = [];
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await h.close();
  });

  async function claimedByAmy(conversationId: string) {
    const ticket = await h.tickets.create(draft(conversationId));
    await h.handoff.trigger.request({
      conversationId,
      ticketId: ticket.id,
      rule: 'request_human',
      lang: 'zh',
      channel: 'web',
    });
    const queued = (await h.handoff.service.queueItems()).find((i) => i.ticketId === ticket.id);
    if (queued === undefined) throw new Error('no handoff');
    const [amy, bob] = await Promise.all([login(h.url, 'amy'), login(h.url, 'bob')]);
    const claim = await api(h.url, `/handoffs/${queued.id}/claim`, {
      token: amy,
      body: {},
    });
    expect(claim.status).toBe(200);
    const amySocket = await agentSocket(h.url, amy);
    const bobSocket = await agentSocket(h.url, bob);
    sockets.push(amySocket, bobSocket);
    return { id: queued.id, amySocket, bobSocket };
  }

  it("passes on the owner's typing only, once a second, and ignores a malformed event", async () => {
    const { id, amySocket, bobSocket } = await claimedByAmy('conv-typing-1');
    const typed: string[] = [];
    const delivery: CustomerDelivery = h.delivery;
    delivery.agentTyping = (conversationId: string) => {
      typed.push(conversationId);
      return Promise.resolve();
    };
    bobSocket.emit('typing', { handoffId: id });
    amySocket.emit('typing', { handoffId: 'not-a-uuid' });
    await settle();
    expect(typed).toEqual([]);
    amySocket.emit('typing', { handoffId: id });
    amySocket.emit('typing', { handoffId: id });
    await settle();
    expect(typed).toEqual(['conv-typing-1']);
  });

  it('tells only the owning agent that their customer is typing', async () => {
    const { id, amySocket, bobSocket } = await claimedByAmy('conv-typing-2');
    const seen: Array<[string, string]> = [];
    amySocket.on('customer:typing', ({ handoffId }) => seen.push(['amy', handoffId]));
    bobSocket.on('customer:typing', ({ handoffId }) => seen.push(['bob', handoffId]));
    await h.handoff.service.customerTyping('conv-typing-2');
    await h.handoff.service.customerTyping('conv-nobody');
    await settle();
    expect(seen).toEqual([['amy', id]]);
  });
});
