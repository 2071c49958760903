import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketDraft } from '../../src/domain/ticket.js';
import { ArchiveWriter } from '../../src/records/archive-writer.js';
import { AuditLog } from '../../src/records/audit-log.js';
import { CustomerData } from '../../src/records/customer-data.js';
import { PgTicketStore } from '../../src/records/pg.ticket-store.js';
import { PgTranscriptStore } from '../../src/records/pg.transcript-store.js';
import { parseRetention, purgeExpired } from '../../src/records/retention.js';
import { TicketSearch } from '../../src/records/ticket-search.js';
import { draft } from '../contract/ticket-store.contract.js';
import { openTestDatabase, testBackends, type TestDatabase } from './databases.js';

const PHONE = { value: '13800138000', raw: '138-0013-8000', confidence: 0.95 };

for (const backend of await testBackends()) {
  describe(`search and personal data (${backend})`, { timeout: 60_000 }, () => {
    let test: TestDatabase;
    let tickets: PgTicketStore;
    let transcripts: PgTranscriptStore;
    const web = randomUUID();
    const wechat = randomUUID();
    const stranger = randomUUID();
    beforeAll(async () => {
      test = await openTestDatabase(backend);
      tickets = new PgTicketStore(test.database.db);
      transcripts = new PgTranscriptStore(test.database.db);
    });
    afterAll(async () => {
      await test.drop();
    });

    async function file(overrides: Partial<TicketDraft>) {
      const ticket = await tickets.create(draft(overrides));
      await transcripts.append(ticket.conversationId, {
        id: randomUUID(),
        from: 'customer',
        text: `投诉 ${ticket.id}`,
        at: ticket.createdAt,
      });
      return ticket;
    }

    it('finds tickets by number, phone in any spelling, status, category, channel and date, phones masked', async () => {
      const a = await file({
        conversationId: web,
        slots: { contact_phone: PHONE },
        createdAt: '2026-11-20T02:00:00.000Z',
      });
      const b = await file({
        conversationId: wechat,
        channel: 'wechat',
        category: 'network',
        slots: { account: { ...PHONE, value: '+86 138 0013 8000' } },
        createdAt: '2026-11-22T02:00:00.000Z',
      });
      await file({
        conversationId: stranger,
        slots: { contact_phone: { ...PHONE, value: '13912345678' } },
        createdAt: '2026-11-21T02:00:00.000Z',
      });
      const search = new TicketSearch(test.database.db);
      const byNumber = await search.search({ q: a.id.toLowerCase(), limit: 20 });
      expect(byNumber.items.map((t) => t.id)).toEqual([a.id]);
      expect(byNumber.items[0]?.phone).toBe('86138****8000');
      const byPhone = await search.search({ q: '138 0013 8000', limit: 20 });
      expect(byPhone.items.map((t) => t.id)).toEqual([b.id, a.id]);
      expect(JSON.stringify(byPhone)).not.toContain('13800138000');
      expect(
        (await search.search({ channel: 'wechat', limit: 20 })).items.map((t) => t.id),
      ).toEqual([b.id]);
      expect(
        (await search.search({ category: 'network', limit: 20 })).items.map((t) => t.id),
      ).toEqual([b.id]);
      expect(
        (
          await search.search({
            from: '2026-11-21T00:00:00Z',
            to: '2026-11-22T00:00:00Z',
            limit: 20,
          })
        ).items,
      ).toHaveLength(1);
      await tickets.update(a.id, {
        kind: 'status',
        status: 'in_progress',
        at: '2026-11-23T00:00:00.000Z',
        actor: 'amy',
      });
      expect(
        (await search.search({ status: 'in_progress', limit: 20 })).items.map((t) => t.id),
      ).toEqual([a.id]);
      const first = await search.search({ limit: 2 });
      expect(first.items).toHaveLength(2);
      const second = await search.search({ limit: 2, before: first.next });
      expect([...first.items, ...second.items].map((t) => t.id)).toEqual([
        b.id,
        expect.any(String),
        a.id,
      ]);
      expect(second.next).toBeUndefined();
      await expect(search.search({ q: 'hello', limit: 20 })).rejects.toThrow(
        /ticket number .* or a phone/,
      );
    });

    it("shows a customer's tickets and conversations across channels from a phone or one conversation", async () => {
      const customers = new CustomerData(test.database.db);
      const fromPhone = await customers.history({ phone: '+8613800138000' });
      expect(fromPhone.conversations.map((c) => c.conversationId).sort()).toEqual(
        [web, wechat].sort(),
      );
      expect(fromPhone.tickets.map((t) => t.channel).sort()).toEqual(['web', 'wechat']);
      expect(fromPhone.conversations.every((c) => c.messages === 1)).toBe(true);
      // The same customer, verified by a channel, on a third conversation that gave a phone too.
      const app = randomUUID();
      await file({
        conversationId: app,
        channel: 'wecom',
        customerId: 'wecom:wm-42',
        slots: { contact_phone: PHONE },
      });
      const fromIdentity = await customers.history({ customerId: 'wecom:wm-42' });
      expect(fromIdentity.conversations.map((c) => c.conversationId).sort()).toEqual(
        [web, wechat, app].sort(),
      );
      const fromConversation = await customers.history({ conversationId: web });
      expect(fromConversation.conversations.map((c) => c.conversationId).sort()).toEqual(
        [web, wechat, app].sort(),
      );
    });

    it('exports everything held about the customer, with the ticket history and who changed it', async () => {
      const customers = new CustomerData(test.database.db);
      const data = (await customers.export({ phone: '13800138000' }, 'root')) as {
        tickets: { history: { kind: string; actor: string | null }[] }[];
        conversations: { messages: unknown[] }[];
      };
      expect(data.tickets).toHaveLength(3);
      expect(
        data.tickets.flatMap((t) => t.history.map((h) => `${h.kind}:${h.actor ?? '-'}`)).sort(),
      ).toEqual(['created:-', 'created:-', 'created:-', 'status:amy']);
      expect(data.conversations.flatMap((c) => c.messages)).toHaveLength(3);
    });

    it("erases one customer's records and nobody else's, and audits who asked", async () => {
      const customers = new CustomerData(test.database.db);
      const writer = new ArchiveWriter(test.database.db);
      await writer.write([
        {
          kind: 'event',
          event: {
            id: randomUUID(),
            at: new Date().toISOString(),
            kind: 'turn',
            conversationId: web,
            emotion: 'angry',
            intensity: 0.8,
          },
        },
      ]);
      const erased = await customers.erase({ phone: '138-0013-8000' }, 'root');
      expect(erased).toEqual({ tickets: 3, conversations: 3, messages: 3 });
      expect(await customers.history({ phone: '13800138000' })).toEqual({
        tickets: [],
        conversations: [],
      });
      expect(await transcripts.list(web)).toEqual([]);
      expect(await transcripts.list(stranger)).toHaveLength(1);
      const events = await test.database.db
        .selectFrom('analytics_events')
        .select('id')
        .where('conversation_id', '=', web)
        .execute();
      expect(events).toEqual([]);
      const audit = await new AuditLog(test.database.db).list({
        from: new Date(0),
        to: new Date(Date.now() + 1000),
        limit: 10,
      });
      const erase = audit.find((e) => e.action === 'customer.erase');
      expect(erase).toMatchObject({ actor: 'root', targetId: 'phone:…8000', detail: erased });
      expect(JSON.stringify(audit)).not.toContain('13800138000');
    });

    it('purges by retention period: old lines and closed tickets go, open tickets stay, the purge is audited', async () => {
      const old = await file({
        conversationId: randomUUID(),
        createdAt: '2020-01-01T00:00:00.000Z',
      });
      const oldOpen = await file({
        conversationId: randomUUID(),
        createdAt: '2020-01-02T00:00:00.000Z',
      });
      for (const status of ['resolved', 'closed'] as const)
        await tickets.update(old.id, { kind: 'status', status, at: '2020-01-03T00:00:00.000Z' });
      const removed = await purgeExpired(
        test.database.db,
        parseRetention('transcripts=180,tickets=365'),
        new Date('2026-12-01T00:00:00Z'),
      );
      expect(removed).toMatchObject({ transcripts: 2, tickets: 1 });
      expect(await tickets.get(old.id)).toBeUndefined();
      expect((await tickets.get(oldOpen.id))?.status).toBe('open');
      const audit = await new AuditLog(test.database.db).list({
        from: new Date(0),
        to: new Date(Date.now() + 1000),
        limit: 10,
      });
      expect(audit.find((e) => e.action === 'retention.purge')?.actor).toBe('system');
    });
  });
}

describe('parseRetention', () => {
  it('reads kind=days pairs, keeps defaults for the rest, and names a bad pair', () => {
    expect(parseRetention('transcripts=30')).toMatchObject({
      transcripts: 30,
      tickets: 1095,
      audit: 1825,
    });
    expect(() => parseRetention('emails=3')).toThrow(/"emails=3"/);
  });
});
