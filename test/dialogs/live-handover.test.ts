import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentNotifier, AgentServerEvents } from '../../src/handoff/agent-events.js';
import { BusinessHours } from '../../src/handoff/business-hours.js';
import { HandoffService } from '../../src/handoff/handoff.service.js';
import { MemoryHandoffQueue } from '../../src/handoff/memory.handoff-queue.js';
import { MemoryFollowUps } from '../../src/handoff/memory.follow-ups.js';
import { MemoryTicketStore } from '../../src/tickets/memory.ticket-store.js';
import { draft, RecordingDelivery } from '../handoff/harness.js';
import { offlineUnderstanding } from '../support/intake-harness.js';

/** Agent events as the console would receive them. */
class RecordingNotifier implements AgentNotifier {
  readonly events: Array<{ to: string; event: keyof AgentServerEvents; payload: unknown }> = [];
  toAll<E extends keyof AgentServerEvents>(event: E, ...args: Parameters<AgentServerEvents[E]>) {
    this.events.push({ to: '*', event, payload: args[0] });
  }
  toAgent<E extends keyof AgentServerEvents>(
    agent: string,
    event: E,
    ...args: Parameters<AgentServerEvents[E]>
  ) {
    this.events.push({ to: agent, event, payload: args[0] });
  }
  onlineAgents(): Promise<string[]> {
    return Promise.resolve(['amy']);
  }
}

describe('live handover (issue 11 §8–9)', () => {
  let queue: MemoryHandoffQueue;
  let tickets: MemoryTicketStore;
  let notifier: RecordingNotifier;
  let service: HandoffService;

  beforeEach(async () => {
    queue = new MemoryHandoffQueue();
    tickets = new MemoryTicketStore();
    notifier = new RecordingNotifier();
    const delivery = new RecordingDelivery();
    service = new HandoffService({
      queue,
      tickets,
      transcripts: delivery,
      delivery,
      notifier,
      followUps: new MemoryFollowUps(),
      isAgent: () => Promise.resolve(true),
      understanding: await offlineUnderstanding(),
      config: {
        slaMinutes: { P1: 15, P2: 30, P3: 60, P4: 240 },
        businessHours: new BusinessHours('mon-sun 00:00-24:00', 'Asia/Shanghai'),
        graceSeconds: 60,
        followUpHours: 24,
      },
      onError: (error) => {
        throw error;
      },
    });
  });
  afterEach(async () => {
    await service.stop();
    await queue.shutdown();
  });

  async function queued(): Promise<string> {
    const ticket = await tickets.create(
      draft('conv-live', { missingSlots: ['contact_phone', 'account'] }),
    );
    await service.request({
      conversationId: 'conv-live',
      ticketId: ticket.id,
      rule: 'anger',
      lang: 'zh',
      channel: 'web',
    });
    const [handoff] = await queue.list();
    if (!handoff) throw new Error('not queued');
    return handoff.id;
  }

  it('merges what the customer writes while queued into the ticket and summary, and tells agents what changed', async () => {
    const id = await queued();
    const handoff = await queue.get(id);
    if (!handoff) throw new Error('no handoff');
    await service.customerWrote(
      handoff,
      '我的电话是13912345678,快点处理',
      new Date().toISOString(),
    );
    const updated = await queue.get(id);
    expect(updated?.summary.elements.contact_phone?.value).toBe('13912345678');
    expect(updated?.summary.missing).not.toContain('contact_phone');
    // The suggested first reply no longer asks for the phone the customer just gave.
    expect(updated?.summary.suggestedFirstReply).not.toContain('联系电话');
    expect(updated?.summary.emotion.trajectory.length).toBe(2);
    const event = notifier.events.find((e) => e.event === 'handoff:updated');
    expect(event?.to).toBe('*');
    expect((event?.payload as { changed: string[] }).changed).toEqual(
      expect.arrayContaining(['elements', 'missing']),
    );
    const ticket = await tickets.get(handoff.ticketId);
    expect(ticket?.slots.contact_phone?.value).toBe('13912345678');
  });

  it('records a survey rating and comment on the ticket; only a clear complaint goes on', async () => {
    const id = await queued();
    const handoff = await queue.get(id);
    if (!handoff) throw new Error('no handoff');
    const at = new Date().toISOString();
    expect(await service.surveyAnswered(handoff, { rating: 4, comment: '还行,谢谢', at })).toBe(
      'feedback',
    );
    const ticket = await tickets.get(handoff.ticketId);
    expect(ticket?.feedback).toEqual({ rating: 4, comment: '还行,谢谢', at });
    const complaint = '你们又乱扣我话费50元,气死我了,我要投诉';
    expect(await service.surveyAnswered(handoff, { rating: 1, comment: complaint, at })).toBe(
      'complaint',
    );
  });
});
