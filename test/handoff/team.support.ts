import { api, draft, type Harness } from './harness.js';

/** A complaint handed to the agents on conversation `conversationId`; the queued handoff's id. */
export async function handOver(h: Harness, conversationId: string): Promise<string> {
  const ticket = await h.tickets.create(draft(conversationId));
  await h.delivery.append(conversationId, {
    id: `${conversationId}-1`,
    from: 'customer',
    text: '你们乱扣我话费,退钱!',
    at: new Date().toISOString(),
  });
  await h.handoff.trigger.request({
    conversationId,
    ticketId: ticket.id,
    rule: 'anger',
    lang: 'zh',
    channel: 'web',
  });
  const queued = await h.handoff.service.queueItems();
  const assigned = (await h.handoff.directory.list()).map((a) => a.username);
  const mine = queued.find((item) => item.ticketId === ticket.id);
  if (mine !== undefined) return mine.id;
  for (const agent of assigned)
    for (const handoff of await h.handoff.service.assignedTo(agent))
      if (handoff.ticketId === ticket.id) return handoff.id;
  throw new Error(`no handoff for ${conversationId}`);
}

/** Who owns the handoff now (undefined while it is queued). */
export async function ownerOf(h: Harness, handoffId: string): Promise<string | undefined> {
  return (await h.handoff.service.detail(handoffId))?.agent;
}

export async function setAvailability(
  h: Harness,
  token: string,
  availability: string,
): Promise<number> {
  return (await api(h.url, '/me/availability', { token, method: 'PUT', body: { availability } }))
    .status;
}
