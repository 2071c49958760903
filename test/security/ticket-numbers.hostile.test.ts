import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { TicketId, type Ticket } from '../../src/domain/ticket.js';
import { MemoryTicketStore } from '../../src/tickets/memory.ticket-store.js';
import { TicketGuard } from '../../src/tickets/ticket-guard.js';
import { newTicketId, typedTicketNumber } from '../../src/tickets/ticket-id.js';
import { TicketLookupLimiter } from '../../src/tickets/ticket-lookup-limiter.js';
import { draft } from '../contract/ticket-store.contract.js';
import { NAUGHTY_STRINGS } from '../fixtures/naughty-strings.js';
import { IntakeHarness } from '../support/intake-harness.js';

/** Hostile input against ticket numbers and the ownership guard: nothing a stranger types grants. */
const PHONE = { value: '13812345678', raw: '13812345678', confidence: 0.9 };
let tickets: MemoryTicketStore;
let ticket: Ticket;
beforeAll(async () => {
  tickets = new MemoryTicketStore();
  ticket = await tickets.create(
    draft({ conversationId: 'owner', slots: { contact_phone: PHONE } }),
  );
});

const day = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10).replace(/-/g, ''));

describe('ticket numbers under hostile text', () => {
  it('never throw, and whatever they find is canonical', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const found = typedTicketNumber(text);
        if (found) expect(found.id).toMatch(/^Q\d{8}-[0-9A-Z]{4,6}$/);
      }),
      { numRuns: 2000 },
    );
  });

  it('find a real number anywhere in a message, in any width or case', () => {
    fc.assert(
      fc.property(
        day,
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 40 }),
        (d, before, after) => {
          const id = newTicketId(d);
          expect(TicketId.safeParse(id).success).toBe(true);
          const wide = [...id]
            .map((c) => String.fromCodePoint((c.codePointAt(0) ?? 0) + 0xfee0))
            .join('');
          for (const typed of [id, id.toLowerCase(), wide])
            expect(
              typedTicketNumber(
                `${before.replace(/[0-9A-Za-z]$/, '')} ${typed} ${after.replace(/^[0-9A-Za-z]/, '')}`,
              ),
            ).toEqual({ id, valid: true });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a stranger never gets a ticket granted, whatever they answer', async () => {
    const guard = new TicketGuard({
      tickets,
      limiter: new TicketLookupLimiter({ perSession: 1e6, perAddress: 1e6, windowSeconds: 60 }),
    });
    const answers = [
      ...NAUGHTY_STRINGS,
      '5679',
      '8765',
      '0000',
      '12345677',
      '5678'.split('').reverse().join(''),
    ];
    for (const answer of answers) {
      const access = await guard.prove(
        ticket.id,
        { conversationId: 'stranger', verified: [] },
        answer,
      );
      expect(access, answer).toEqual({ kind: 'not_found' });
    }
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 80 }), async (answer) => {
        const access = await guard.prove(
          ticket.id,
          { conversationId: 'stranger', verified: [] },
          answer,
        );
        // Only the phone's last four digits can open it.
        if (access.kind === 'granted') expect(answer.normalize('NFKC')).toContain('5678');
      }),
      { numRuns: 500 },
    );
  });

  it('naughty strings around a ticket number from another conversation change nothing', async () => {
    const before = await tickets.get(ticket.id);
    // Limits high enough that every line reaches the guard's proof step.
    const ticketGuard = new TicketGuard({
      tickets,
      limiter: new TicketLookupLimiter({ perSession: 1e6, perAddress: 1e6, windowSeconds: 60 }),
    });
    const chat = await IntakeHarness.create({ tickets, conversationId: 'naughty', ticketGuard });
    for (const naughty of NAUGHTY_STRINGS) {
      await chat.send(`撤销工单 ${ticket.id} ${naughty}`);
      await chat.send(naughty);
      await chat.send(`补充工单 ${ticket.id}:${naughty}`);
    }
    expect(await tickets.get(ticket.id)).toEqual(before);
  }, 60_000);
});
