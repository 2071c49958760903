import { describe, expect, it } from 'vitest';
import { MemoryTicketStore } from '../../src/tickets/memory.ticket-store.js';
import { acts, askedSlots, IntakeHarness } from '../support/intake-harness.js';

/** Praise first read as a complaint is recorded as a commendation once the customer says so. */
describe('praise said mid-collection', () => {
  it('files no complaint and commends the person already named (zh)', async () => {
    const tickets = new MemoryTicketStore();
    const chat = await IntakeHarness.create({ tickets, conversationId: 'praise-mid' });
    await chat.send('昨天来修空调的李师傅人真好👍 活干得干净 还帮我把旧管子带走了');
    const replies = await chat.send('不是投诉哈 就是夸夸他');
    const after = await chat.send('嗯嗯 拜拜');
    expect(askedSlots(replies)).toEqual([]);
    expect([...acts(replies), ...acts(after)]).not.toContain('ticket');
    expect(replies.some((r) => r.meta.family === 'thank' && r.text.includes('李师傅'))).toBe(true);
    const filed = await tickets.listByConversation('praise-mid');
    expect(filed.map((t) => t.kind ?? 'complaint')).toEqual(['commendation']);
    expect(filed[0]?.slots.people?.value).toBe('李师傅');
  });
});
