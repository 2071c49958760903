import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { loadEnv } from '../../src/config/env.js';
import { productOptions } from '../../src/product.js';
import { connectChat, startTestApp, type ChatClient } from '../support/test-app.js';

const ENV = { RECORDS: 'database', DATA_DIR: 'memory://' };

async function say(client: ChatClient, text: string): Promise<void> {
  // The ack comes once the turn is over, so its facts have been handed to the archive.
  await client.emitWithAck('message', { text, clientMessageId: randomUUID() });
}

describe('analytics facts recorded by the product', { timeout: 90_000 }, () => {
  let app: App;
  let url: string;
  beforeAll(async () => {
    const env = loadEnv({ LOG_LEVEL: 'silent', ...ENV });
    ({ app, url } = await startTestApp(ENV, await productOptions(env, pino({ level: 'silent' }))));
  });
  afterAll(async () => {
    await app.close();
  });

  async function database() {
    await app.context.records?.sink.drain();
    const db = app.context.records?.database.db;
    if (db === undefined) throw new Error('no records');
    return db;
  }

  /** The conversation of the customer turn read last (the web session id is not the conversation id). */
  async function latestConversation(): Promise<string> {
    const row = await (
      await database()
    )
      .selectFrom('analytics_events')
      .select('conversation_id')
      .where('kind', '=', 'turn')
      .orderBy('at', 'desc')
      .executeTakeFirstOrThrow();
    if (row.conversation_id === null) throw new Error('a turn fact without its conversation');
    return row.conversation_id;
  }

  async function facts(conversationId: string) {
    return (await database())
      .selectFrom('analytics_events')
      .select(['kind', 'label', 'ticket_id', 'channel'])
      .where('conversation_id', '=', conversationId)
      .execute();
  }

  it('a status lookup answered by the bot with no human is self-service, in its conversation', async () => {
    const filer = await connectChat(url);
    await say(
      filer.client,
      '我的宽带断了三天了，一直没人修，地址是朝阳区建国路88号，电话13800138000',
    );
    const filed = await latestConversation();
    const tickets = await app.context.tickets.listByConversation(filed);
    const turnFacts = await facts(filed);
    expect(turnFacts.filter((f) => f.kind === 'turn')).toHaveLength(1);
    expect(turnFacts.every((f) => f.channel === 'webchat')).toBe(true);
    filer.client.disconnect();
    const ticket = tickets[0]?.id ?? (await fileDirectly());
    const asker = await connectChat(url);
    await say(asker.client, `帮我查一下工单 ${ticket} 的进度`);
    await say(asker.client, '8000');
    const asked = await latestConversation();
    expect(asked).not.toBe(filed);
    const lookups = (await facts(asked)).filter((f) => f.kind === 'self_service');
    expect(lookups).toEqual([
      { kind: 'self_service', label: 'status', ticket_id: ticket, channel: 'webchat' },
    ]);
    asker.client.disconnect();
  });

  it('one customer turn records at most one FAQ outcome, though the dialogs searched twice', async () => {
    // An inquiry the knowledge base misses that also reads as a complaint: searched as a question,
    // then again as the question inside the complaint.
    const { client } = await connectChat(url);
    await say(client, '请问5G套餐能叠加流量包吗？');
    const outcomes = (await facts(await latestConversation())).filter((f) =>
      f.kind.startsWith('faq_'),
    );
    expect(outcomes).toEqual([
      {
        kind: 'faq_missed',
        label: '请问5G套餐能叠加流量包吗？',
        ticket_id: null,
        channel: 'webchat',
      },
    ]);
    client.disconnect();
  });

  /** A ticket with a contact phone, filed as the intake would file it. */
  async function fileDirectly(): Promise<string> {
    const ticket = await app.context.tickets.create({
      conversationId: 'elsewhere',
      channel: 'webchat',
      lang: 'zh',
      category: 'network',
      nature: 'effective',
      severity: 'P3',
      flags: [],
      slots: { contact_phone: { value: '13800138000', raw: '13800138000', confidence: 1 } },
      unknownSlots: [],
      missingSlots: [],
      emotions: [],
      createdAt: new Date().toISOString(),
    });
    return ticket.id;
  }
});
