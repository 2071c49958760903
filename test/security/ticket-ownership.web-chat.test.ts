import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { loadEnv } from '../../src/config/env.js';
import type { Message } from '../../src/domain/message.js';
import { productOptions } from '../../src/product.js';
import { newTicketId } from '../../src/tickets/ticket-id.js';
import { connectChat, startTestApp, type ChatClient, type Inbox } from '../support/test-app.js';

/**
 * The attack over the real web chat (socket.io, the product's dialogs): one session files a
 * ticket, another types its number. Sessions are cheap, so lookups are limited per address too.
 */
interface Chat {
  client: ChatClient;
  box: Inbox;
  sent: number;
}

let app: App | undefined;
const clients: ChatClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.disconnect();
  await app?.close();
  app = undefined;
});

async function startProduct(env: Record<string, string> = {}): Promise<string> {
  const options = await productOptions(
    loadEnv({ LOG_LEVEL: 'silent', ...env }),
    pino({ level: 'silent' }),
  );
  const started = await startTestApp(env, options);
  app = started.app;
  return started.url;
}

async function open(url: string): Promise<Chat> {
  const { client, box } = await connectChat(url);
  clients.push(client);
  await box.next(); // the greeting
  return { client, box, sent: 0 };
}

/** Sends one message and returns the replies of its turn (emitted before the acknowledgement). */
async function send(chat: Chat, text: string): Promise<Message[]> {
  const start = chat.box.messages.length;
  chat.sent += 1;
  const ack = await chat.client.emitWithAck('message', { text, clientMessageId: `m-${chat.sent}` });
  expect(ack).toMatchObject({ ok: true });
  return chat.box.messages.slice(start);
}

async function fileTicket(chat: Chat): Promise<string> {
  await send(chat, '我的话费昨天被多扣了50元');
  await send(chat, '13812345678');
  const filed = await send(chat, '对的');
  const ticketId = filed.find((m) => m.meta?.act === 'ticket')?.meta?.ticketId;
  if (!ticketId) throw new Error(`no ticket filed: ${JSON.stringify(filed)}`);
  return ticketId;
}

const texts = (messages: readonly Message[]): string[] => messages.map((m) => m.text);

describe('ticket ownership over the web chat', () => {
  it('a second session cannot withdraw or read the first one’s ticket; after the last four it can', async () => {
    const url = await startProduct();
    const owner = await open(url);
    const ticketId = await fileTicket(owner);
    const ticket = () => app?.context.tickets.get(ticketId);
    const before = await ticket();

    const attack = (id: string): string[] => [`撤销工单 ${id}`, '0000', '这是一场误会'];
    const stranger = await open(url);
    const seen: Message[][] = [];
    for (const line of attack(ticketId)) seen.push(await send(stranger, line));
    expect(await ticket()).toEqual(before);
    expect(seen[0]?.map((m) => m.meta?.act)).toEqual(['ask']);
    expect(texts(seen[1] ?? [])).toEqual([`没有查到工单 ${ticketId}，麻烦您核对一下编号。`]);

    // Word for word what a number nobody filed gets, in a third session.
    const unknownId = newTicketId(ticketId.slice(1, 9));
    const third = await open(url);
    const unknown: Message[][] = [];
    for (const line of attack(unknownId)) unknown.push(await send(third, line));
    const shown = (turns: Message[][], id: string): string =>
      JSON.stringify(turns.map((turn) => turn.map((m) => [m.from, m.text, m.meta]))).replaceAll(
        id,
        '<n>',
      );
    // The ownership exchange word for word; after it, wordings vary by session, so acts only.
    expect(shown(seen.slice(0, 2), ticketId)).toBe(shown(unknown.slice(0, 2), unknownId));
    const acts = (turns: Message[][]): unknown => turns.map((turn) => turn.map((m) => m.meta?.act));
    expect(acts(seen)).toEqual(acts(unknown));

    const read = await send(stranger, `查询一下工单 ${ticketId} 的进度`);
    expect(read.map((m) => m.meta?.act)).toEqual(['ask']);
    const status = await send(stranger, '5678');
    expect(status[0]?.meta).toMatchObject({ act: 'inform', ticketId });
    expect(status[0]?.text).toContain('已受理，等待处理');
    expect(await ticket()).toEqual(before);

    // The owner is never asked.
    const own = await send(owner, `查询一下工单 ${ticketId} 的进度`);
    expect(own[0]?.meta).toMatchObject({ act: 'inform', ticketId });
  }, 60_000);

  it('limits lookups per address across fresh sessions; the owner’s own ticket stays readable', async () => {
    const url = await startProduct({
      TICKET_LOOKUPS_PER_SESSION: '10',
      TICKET_LOOKUPS_PER_ADDRESS: '3',
    });
    const owner = await open(url);
    const ticketId = await fileTicket(owner);
    const replies: Message[][] = [];
    for (let i = 0; i < 4; i += 1) {
      const fresh = await open(url);
      replies.push(await send(fresh, `查询一下工单 ${ticketId} 的进度`));
    }
    expect(replies.map((r) => r[0]?.meta?.act)).toEqual(['ask', 'ask', 'ask', 'inform']);
    expect(replies[3]?.[0]?.text).toMatch(/工单查询暂时太频繁了[,，]请 \d+ 分钟后再试/);
    const own = await send(owner, `查询一下工单 ${ticketId} 的进度`);
    expect(own[0]?.meta).toMatchObject({ act: 'inform', ticketId });
  }, 60_000);
});
