import { describe, expect, it } from 'vitest';
import { MemoryTicketStore } from '../../src/tickets/memory.ticket-store.js';
import { acts, IntakeHarness, RecordingHandoff } from '../support/intake-harness.js';

/** An angry customer who confirms the read-back gets the ticket, not a queue. */
describe('a yes to the restatement from an angry customer', () => {
  it('files the ticket instead of handing over for anger alone (zh)', async () => {
    const tickets = new MemoryTicketStore();
    const handoff = new RecordingHandoff();
    const chat = await IntakeHarness.create({ tickets, handoff, conversationId: 'angry-yes' });
    const first = await chat.send(
      '你们乱开业务!!!我13900000053这个号11月份被开了个什么校信通 每月扣8块 我要求马上关掉把钱退了 有事打这个号!!!',
    );
    expect(acts(first)).toContain('confirm');
    const replies = await chat.send('对 赶紧的');
    expect(acts(replies)).toContain('ticket');
    expect(handoff.requests).toHaveLength(0);
    const [ticket] = await tickets.listByConversation('angry-yes');
    expect(ticket?.slots.contact_phone?.value).toBe('13900000053');
  });

  it('still hands over when the yes comes with a request for a person (zh)', async () => {
    const handoff = new RecordingHandoff();
    const chat = await IntakeHarness.create({ handoff, conversationId: 'angry-yes-human' });
    await chat.send(
      '你们乱开业务!!!我13900000053这个号11月份被开了个什么校信通 每月扣8块 我要求马上关掉把钱退了 有事打这个号!!!',
    );
    const replies = await chat.send('对 马上给我转人工');
    expect(acts(replies)).toContain('handoff');
    expect(handoff.requests).toHaveLength(1);
  });
});
