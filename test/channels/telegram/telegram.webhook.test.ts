import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { conversationIdOf } from '../../../src/channels/core/conversation-directory.js';
import { startTestApp } from '../../support/test-app.js';
import { startFakeBotApi } from '../support/fake-bot-api.js';

const TOKEN = '42:webhook-token';
const SECRET = 'hook_secret-123';

/** The webhook mode, with a local fake of the Bot API (telegram-test-api sends no secret header). */
describe('Telegram webhook', () => {
  let app: App;
  let url: string;
  let bot: Awaited<ReturnType<typeof startFakeBotApi>>;
  const sent = () =>
    bot.calls.map((call) => ({
      method: call.method,
      chat: call.body['chat_id'],
      text: typeof call.body['text'] === 'string' ? call.body['text'] : '',
    }));

  beforeAll(async () => {
    bot = await startFakeBotApi();
    ({ app, url } = await startTestApp({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_API_ROOT: bot.url,
      MAX_MESSAGE_CHARS: '40',
    }));
  });
  afterAll(async () => {
    await app.close();
    await bot.close();
  });

  const post = (body: string, secret: string | null = SECRET) =>
    fetch(`${url}/channels/telegram`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret }),
      },
      body,
    });
  const update = (id: number, chat: number, text: string) =>
    JSON.stringify({
      update_id: id,
      message: {
        message_id: id,
        date: 1_700_000_000,
        chat: { id: chat, type: 'private' },
        from: { id: chat },
        text,
      },
    });
  const transcriptOf = (chat: number) =>
    app.context.transcript.list(conversationIdOf({ channel: 'telegram', user: String(chat) }));
  const until = async (what: string, done: () => boolean): Promise<void> => {
    const deadline = Date.now() + 10_000;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it('refuses a missing or wrong secret with 401 and processes nothing', async () => {
    expect((await post(update(1, 501, '你好'), null)).status).toBe(401);
    expect((await post(update(2, 501, '你好'), 'wrong-secret')).status).toBe(401);
    expect((await post('{not json', 'wrong-secret')).status).toBe(401);
    expect(await transcriptOf(501)).toEqual([]);
  });

  it('answers malformed JSON and a body that is not an update with 400', async () => {
    expect((await post('{"update_id": 3,')).status).toBe(400);
    const invalid = await post(JSON.stringify({ message: { text: 'hi' } }));
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { detail: string }).detail).toContain('update_id');
  });

  it('processes an update once however often Telegram retries it, and replies to its chat', async () => {
    const body = update(10, 502, '你好');
    const answers = await Promise.all([post(body), post(body), post(body)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    await until('a reply', () => sent().some((s) => s.chat === 502 && s.method === 'sendMessage'));
    const customerLines = (await transcriptOf(502)).filter((m) => m.from === 'customer');
    expect(customerLines.map((m) => m.text)).toEqual(['你好']);
  });

  it('cuts an oversized message and tells the customer', async () => {
    const long = '我要投诉'.repeat(30);
    expect((await post(update(20, 503, long))).status).toBe(200);
    await until('the cut note', () => sent().some((s) => s.chat === 503 && s.text.includes('40')));
    const customer = (await transcriptOf(503)).find((m) => m.from === 'customer');
    expect([...(customer?.text ?? '')]).toHaveLength(40);
  });
});
