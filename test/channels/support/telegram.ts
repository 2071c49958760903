import { createServer } from 'node:net';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { z } from 'zod';
import type { App } from '../../../src/app.js';
import { conversationIdOf } from '../../../src/channels/core/conversation-directory.js';
import { platformDriver } from './platform-driver.js';
import type { CustomerDriver, SeenLine } from './scenario.js';

export const BOT_TOKEN = '123456:qingting-test-token';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** telegram-test-api, a local Bot API emulator (polling, inline keyboards), on a free port. */
export async function startTelegramEmulator(): Promise<TelegramServer> {
  const server = new TelegramServer({
    port: await freePort(),
    host: '127.0.0.1',
    storeTimeout: 600,
  });
  await server.start();
  return server;
}

interface BotMessage {
  text: string;
  keyboard: Array<{ text: string; callback_data?: string }>;
}

const StoredBotMessage = z.object({
  botToken: z.string(),
  message: z.looseObject({
    chat_id: z.union([z.number(), z.string()]),
    text: z.string().optional(),
    reply_markup: z
      .object({
        inline_keyboard: z
          .array(z.array(z.object({ text: z.string(), callback_data: z.string().optional() })))
          .optional(),
      })
      .optional(),
  }),
});

function botMessagesOf(server: TelegramServer, chatId: number): BotMessage[] {
  return z
    .array(StoredBotMessage)
    .parse(server.storage.botMessages)
    .filter(
      (update) =>
        update.botToken === BOT_TOKEN && String(update.message.chat_id) === String(chatId),
    )
    .map(({ message }) => ({
      text: message.text ?? '',
      keyboard: message.reply_markup?.inline_keyboard?.flat() ?? [],
    }));
}

/**
 * A Telegram customer through the emulator's client; what the bot sent is read from the emulator and
 * paired with the transcript for its act (Telegram shows none), the keyboard as the quick replies.
 */
export class TelegramCustomer implements CustomerDriver {
  private readonly client;
  private readonly shown: CustomerDriver;

  constructor(
    private readonly server: TelegramServer,
    app: App,
    readonly chatId = 4242,
  ) {
    this.client = server.getClient(BOT_TOKEN, { chatId, userId: chatId, firstName: '小王' });
    const conversationId = conversationIdOf({ channel: 'telegram', user: String(chatId) });
    this.shown = platformDriver({
      say: (text) => this.say(text),
      delivered: () =>
        this.sent().map((m) => ({
          text: m.text,
          ...(m.keyboard.length > 0 ? { menu: m.keyboard.map((b) => b.text) } : {}),
        })),
      transcript: () => app.context.transcript.list(conversationId),
    });
  }

  async say(text: string): Promise<void> {
    await this.client.sendMessage(
      this.client.makeMessage(text, { from: { language_code: 'zh-hans' } }),
    );
  }

  /** Sends a message of another kind (sticker, photo…): the client's text message with `fields` instead of text. */
  async sendRaw(fields: Record<string, unknown>): Promise<void> {
    const message: Record<string, unknown> = {
      ...z.record(z.string(), z.unknown()).parse(this.client.makeMessage('')),
      ...fields,
    };
    delete message['text'];
    // The emulator's client API is plain HTTP; its typed client only builds text messages.
    await fetch(`${this.server.config.apiURL}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
    });
  }

  /** Presses an inline-keyboard button of a message the bot sent. */
  async press(button: { callback_data?: string }): Promise<void> {
    await this.client.sendCallback(this.client.makeCallbackQuery(button.callback_data ?? ''));
  }

  sent(): BotMessage[] {
    return botMessagesOf(this.server, this.chatId);
  }

  next(match: (line: SeenLine) => boolean, what: string): Promise<SeenLine> {
    return this.shown.next(match, what);
  }
}
