import type { CustomerDelivery } from '../../src/channels/customer-delivery.port.js';
import { describe, expect, it } from 'vitest';
import { api, draft, login } from './harness.js';
import { agentTestbed } from '../support/agent-testbed.js';

const settle = (ms = 300): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('typing indicators between the agent console and the customer', () => {
  const bed = agentTestbed();

  async function claimedByAmy(conversationId: string) {
    const ticket = await bed.h.tickets.create(draft(conversationId));
    await bed.h.handoff.trigger.request({
      conversationId,
      ticketId: ticket.id,
      rule: 'request_human',
      lang: 'zh',
      channel: 'web',
    });
    const queued = (await bed.h.handoff.service.queueItems()).find((i) => i.ticketId === ticket.id);
    if (queued === undefined) throw new Error('no handoff');
    const [amy, bob] = await Promise.all([login(bed.h.url, 'amy'), login(bed.h.url, 'bob')]);
    const claim = await api(bed.h.url, `/handoffs/${queued.id}/claim`, {
      token: amy,
      body: {},
    });
    expect(claim.status).toBe(200);
    const { socket: amySocket } = await bed.signIn('amy', amy);
    const { socket: bobSocket } = await bed.signIn('bob', bob);
    return { id: queued.id, amySocket, bobSocket };
  }

  it("passes on the owner's typing only, once a second, and ignores a malformed event", async () => {
    const { id, amySocket, bobSocket } = await claimedByAmy('conv-typing-1');
    const typed: string[] = [];
    const delivery: CustomerDelivery = bed.h.delivery;
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
    await bed.h.handoff.service.customerTyping('conv-typing-2');
    await bed.h.handoff.service.customerTyping('conv-nobody');
    await settle();
    expect(seen).toEqual([['amy', id]]);
  });
});
