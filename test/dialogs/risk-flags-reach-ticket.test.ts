import { describe, expect, it } from 'vitest';
import { MemoryTicketStore } from '../../src/tickets/memory.ticket-store.js';
import { IntakeHarness, RecordingHandoff } from '../support/intake-harness.js';

/** A risk flag read on any turn of the intake is on the ticket the agent gets. */
describe('risk flags reach the ticket', () => {
  it('keeps a media threat made while details are being collected (en)', async () => {
    const tickets = new MemoryTicketStore();
    const handoff = new RecordingHandoff();
    const chat = await IntakeHarness.create({ tickets, handoff, conversationId: 'flags-en' });
    await chat.send(
      'The hotel room at your Manchester property had mould on the ceiling and the staff just shrugged',
    );
    await chat.send(
      "I'll be leaving a review on Google and telling everyone what a shambles this is",
    );
    const [ticket] = await tickets.listByConversation('flags-en');
    expect(handoff.requests).toHaveLength(1);
    expect(ticket?.flags).toContain('media_threat');
  });
});
