import { describe, expect, it } from 'vitest';
import { MemoryTicketStore } from '../../src/tickets/memory.ticket-store.js';
import { IntakeHarness, RecordingHandoff } from '../support/intake-harness.js';

/** After a handoff, a mobile number added to the ticket counts as the line and the ring-back number. */
describe('a mobile number given after the handoff', () => {
  it('fills the account and the contact phone the ticket lacks (zh)', async () => {
    const tickets = new MemoryTicketStore();
    const chat = await IntakeHarness.create({
      tickets,
      handoff: new RecordingHandoff(),
      conversationId: 'supplement-mobile',
    });
    const first = await chat.send(
      '我的手机号突然没信号了 然后收到银行验证码 好像有人在补我的卡 支付宝在被转钱',
    );
    expect(first.some((r) => r.meta.act === 'handoff')).toBe(true);
    await chat.send('号码是13712345678 身份证在我手上');
    const [ticket] = await tickets.listByConversation('supplement-mobile');
    expect(ticket?.slots.contact_phone?.value).toBe('13712345678');
    expect(ticket?.slots.account?.value).toBe('13712345678');
  });

  it('keeps an account already on the ticket (zh)', async () => {
    const tickets = new MemoryTicketStore();
    const chat = await IntakeHarness.create({
      tickets,
      handoff: new RecordingHandoff(),
      conversationId: 'supplement-kept',
    });
    await chat.send(
      '我的手机号13800001111突然没信号了 然后收到银行验证码 好像有人在补我的卡 支付宝在被转钱',
    );
    await chat.send('联系电话13712345678');
    const [ticket] = await tickets.listByConversation('supplement-kept');
    expect(ticket?.slots.account?.value).toBe('13800001111');
    expect(ticket?.slots.contact_phone?.value).toBe('13712345678');
  });
});
