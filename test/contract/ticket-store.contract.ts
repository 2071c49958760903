import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TicketDraft } from '../../src/domain/ticket.js';
import { typedTicketNumber } from '../../src/tickets/ticket-id.js';
import type { TicketStore } from '../../src/tickets/ticket-store.port.js';

export interface TicketStoreHarness {
  store: TicketStore;
  /** A second store over the same backing data, as another server instance would see it. */
  twin?: TicketStore;
  close(): Promise<void>;
}

export function draft(overrides: Partial<TicketDraft> = {}): TicketDraft {
  return {
    conversationId: 'conv-1',
    channel: 'web',
    lang: 'zh',
    category: 'billing',
    nature: 'effective',
    severity: 'P2',
    flags: [],
    slots: { amount: { value: '5.00 CNY', raw: '5块', confidence: 0.9 } },
    unknownSlots: [],
    missingSlots: ['time'],
    emotions: [{ emotion: 'angry', intensity: 0.7, at: '2026-11-25T02:00:00.000Z' }],
    createdAt: '2026-11-25T02:00:00.000Z',
    ...overrides,
  };
}

/** The one behaviour every TicketStore implementation must show. */
export function ticketStoreContract(
  name: string,
  factory: () => Promise<TicketStoreHarness>,
): void {
  describe(`TicketStore contract: ${name}`, () => {
    let harness: TicketStoreHarness;
    beforeEach(async () => {
      harness = await factory();
    });
    afterEach(async () => {
      await harness.close();
    });

    it('names tickets by local day with a random, checked part: Q<yyyymmdd>-<5 random><check>', async () => {
      const a = await harness.store.create(draft());
      const b = await harness.store.create(draft());
      // 20:00 UTC on the 25th is already the 26th in Asia/Shanghai.
      const c = await harness.store.create(draft({ createdAt: '2026-11-25T20:00:00.000Z' }));
      expect(a.id).toMatch(/^Q20261125-[0-9A-HJKMNP-TV-Z]{6}$/);
      expect(b.id).toMatch(/^Q20261125-[0-9A-HJKMNP-TV-Z]{6}$/);
      expect(c.id).toMatch(/^Q20261126-[0-9A-HJKMNP-TV-Z]{6}$/);
      expect(a.id).not.toBe(b.id);
      for (const t of [a, b, c]) expect(typedTicketNumber(t.id)).toEqual({ id: t.id, valid: true });
      expect(a.status).toBe('open');
      expect(a.version).toBe(1);
    });

    it('never hands out the same id twice under concurrent creation', async () => {
      const tickets = await Promise.all(
        Array.from({ length: 25 }, () => harness.store.create(draft())),
      );
      expect(new Set(tickets.map((t) => t.id)).size).toBe(25);
    });

    it('reads a ticket back by id, case-insensitively, and lists a conversation in order', async () => {
      const a = await harness.store.create(draft());
      const b = await harness.store.create(draft());
      await harness.store.create(draft({ conversationId: 'other' }));
      expect(await harness.store.get(a.id.toLowerCase())).toEqual(a);
      expect(await harness.store.get('Q20200101-0001')).toBeUndefined();
      const listed = await harness.store.listByConversation('conv-1');
      expect(listed.map((t) => t.id)).toEqual([a.id, b.id]);
    });

    it('follows the lifecycle open → in_progress → resolved → closed and refuses skips', async () => {
      const t = await harness.store.create(draft());
      const at = '2026-11-25T03:00:00.000Z';
      expect(await harness.store.update(t.id, { kind: 'status', status: 'closed', at })).toEqual({
        ok: false,
        reason: 'invalid_transition',
      });
      for (const status of ['in_progress', 'resolved', 'closed'] as const) {
        const result = await harness.store.update(t.id, { kind: 'status', status, at });
        expect(result.ok).toBe(true);
      }
      const final = await harness.store.get(t.id);
      expect(final?.statusHistory.map((s) => s.status)).toEqual([
        'open',
        'in_progress',
        'resolved',
        'closed',
      ]);
      expect(final?.version).toBe(4);
    });

    it('records a withdraw reason and refuses supplements once withdrawn', async () => {
      const t = await harness.store.create(draft());
      const at = '2026-11-25T03:00:00.000Z';
      const withdrawn = await harness.store.update(t.id, {
        kind: 'status',
        status: 'withdrawn',
        reason: '这是一场误会',
        at,
      });
      expect(withdrawn.ok && withdrawn.ticket.withdrawReason).toBe('这是一场误会');
      const late = await harness.store.update(t.id, {
        kind: 'supplement',
        text: 'x',
        slots: {},
        at,
      });
      expect(late).toEqual({ ok: false, reason: 'inactive' });
    });

    it('adds supplements with their slots and updates details', async () => {
      const t = await harness.store.create(draft());
      const at = '2026-11-25T04:00:00.000Z';
      const time = { value: '2026-11-24', raw: '昨天', confidence: 0.9 };
      await harness.store.update(t.id, { kind: 'supplement', text: '是昨天', slots: { time }, at });
      await harness.store.update(t.id, {
        kind: 'details',
        at,
        details: { handoffRule: 'request_human', flags: ['legal_threat'], severity: 'P1' },
      });
      const read = await harness.store.get(t.id);
      expect(read?.supplements).toEqual([{ text: '是昨天', at, slots: { time } }]);
      expect(read?.slots.time).toEqual(time);
      // The supplement supplied what the ticket was missing.
      expect(read?.missingSlots).toEqual([]);
      expect(read?.slots.amount?.value).toBe('5.00 CNY');
      expect(read).toMatchObject({ handoffRule: 'request_human', severity: 'P1', updatedAt: at });
      expect(
        await harness.store.update('Q20200101-0009', { kind: 'details', at, details: {} }),
      ).toEqual({ ok: false, reason: 'not_found' });
    });

    it('loses no change when two writers update one ticket concurrently', async () => {
      const t = await harness.store.create(draft());
      const other = harness.twin ?? harness.store;
      const at = '2026-11-25T04:00:00.000Z';
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 === 0 ? harness.store : other).update(t.id, {
            kind: 'supplement',
            text: `note ${i}`,
            slots: {},
            at,
          }),
        ),
      );
      const read = await harness.store.get(t.id);
      expect(read?.supplements.map((s) => s.text).sort()).toEqual(
        Array.from({ length: 10 }, (_, i) => `note ${i}`).sort(),
      );
      expect(read?.version).toBe(11);
    });
  });
}
