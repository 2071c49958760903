import { randomUUID } from 'node:crypto';
import type { TicketDraft, EmotionPoint } from '../../src/domain/ticket.js';
import type { RecordsDb } from '../../src/records/database.js';
import { PgTicketStore } from '../../src/records/pg.ticket-store.js';

const at = (iso: string, seconds = 0): string =>
  new Date(Date.parse(iso) + seconds * 1000).toISOString();

function draft(fields: Partial<TicketDraft> & Pick<TicketDraft, 'createdAt'>): TicketDraft {
  return {
    conversationId: `c-${randomUUID()}`,
    channel: 'web',
    lang: 'zh',
    category: 'billing',
    nature: 'effective',
    severity: 'P3',
    flags: [],
    slots: {},
    unknownSlots: [],
    missingSlots: [],
    emotions: [],
    ...fields,
  };
}

const point = (
  emotion: EmotionPoint['emotion'],
  intensity: number,
  when: string,
): EmotionPoint => ({
  emotion,
  intensity,
  at: when,
});
const slot = (value: string) => ({ value, raw: value, confidence: 0.9 });

/**
 * A small, hand-countable week of complaints (see analytics-reader.test.ts for the figures):
 * three tickets in 2026-11-01…05 (Asia/Shanghai), one before; two handoffs; FAQ hits and misses.
 */
export async function seedWeek(db: RecordsDb): Promise<void> {
  const store = new PgTicketStore(db);
  const t1 = '2026-11-02T02:30:00.000Z'; // Mon 10:30 in Shanghai
  const t2 = '2026-11-02T16:30:00.000Z'; // Tue 00:30 in Shanghai: the UTC day would be Monday
  const t3 = '2026-11-04T10:00:00.000Z'; // Wed 18:00 in Shanghai
  const one = await store.create(
    draft({
      createdAt: t1,
      severity: 'P2',
      slots: { place: slot('北京路营业厅'), people: slot('张经理') },
      emotions: [point('angry', 0.8, t1), point('neutral', 0.2, at(t1, 60))],
    }),
  );
  await store.update(one.id, { kind: 'status', status: 'in_progress', at: at(t1, 600) });
  await store.update(one.id, { kind: 'status', status: 'resolved', at: at(t1, 7200) });
  await store.create(
    draft({
      createdAt: t2,
      category: 'network',
      nature: 'communicative',
      slots: { place: slot('北京路营业厅') },
      emotions: [point('anxious', 0.3, t2), point('angry', 0.7, at(t2, 60))],
    }),
  );
  const three = await store.create(
    draft({
      createdAt: t3,
      channel: 'wechat',
      severity: 'P1',
      emotions: [point('sad', 0.6, t3)],
    }),
  );
  await store.create(draft({ createdAt: '2026-10-20T03:00:00.000Z' }));

  const handoff = (
    ticketId: string,
    rule: string,
    enqueued: string,
    waited: number,
    closedAfter: number | null,
    rating: number | null,
  ) => ({
    id: randomUUID(),
    conversation_id: 'c',
    ticket_id: ticketId,
    channel: 'web',
    state: closedAfter === null ? 'assigned' : 'closed',
    agent: 'li',
    group_name: null,
    rule,
    enqueued_at: enqueued,
    assigned_at: at(enqueued, waited),
    closed_at: closedAfter === null ? null : at(enqueued, closedAfter),
    resolution_code: closedAfter === null ? null : 'resolved',
    rating,
    version: 3,
    body: '{}',
  });
  await db
    .insertInto('handoffs')
    .values([
      handoff(one.id, 'angry_customer', at(t1, 60), 240, 3600, 4),
      handoff(three.id, 'p1_risk', at(t3, 60), 1200, null, null),
    ])
    .execute();

  const fact = (
    kind: string,
    when: string,
    label?: string,
    turn?: { conversationId: string; channel: string },
  ) => ({
    id: randomUUID(),
    at: when,
    kind,
    conversation_id: turn?.conversationId ?? null,
    ticket_id: null,
    channel: turn?.channel ?? null,
    category: null,
    emotion: null,
    intensity: null,
    value: null,
    label: label ?? null,
    detail: null,
  });
  await db
    .insertInto('analytics_events')
    .values([
      fact('faq_answered', t1, 'faq-refund-time'),
      fact('faq_answered', t2, 'faq-invoice'),
      fact('faq_answered', t3, 'faq-refund-time'),
      fact('faq_missed', t1, '退款多久到账？'),
      fact('faq_missed', t2, '退款多久到账'),
      fact('faq_missed', t3, '退款 多久 能到账'),
      fact('faq_missed', t3, '怎么开发票'),
      fact('faq_missed', '2026-10-20T03:00:00.000Z', '怎么开发票'),
      fact('turn', t1),
      // Self-service by the bot alone counts; in a conversation a human then took ('c'), neither does.
      fact('self_service', t2, 'status', { conversationId: 'c-bot', channel: 'web' }),
      fact('self_service', t2, 'withdrawal', { conversationId: 'c', channel: 'web' }),
      fact('faq_answered', t1, 'faq-invoice', { conversationId: 'c', channel: 'web' }),
    ])
    .execute();
}
