import { Api } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitToChannel } from '../../../src/channels/capabilities.js';
import { PlatformRejection } from '../../../src/channels/core/channel.js';
import {
  TELEGRAM_CAPABILITIES,
  TelegramChannel,
} from '../../../src/channels/telegram/telegram.channel.js';
import { decodeTelegram } from '../../../src/channels/telegram/telegram.decode.js';
import { inlineKeyboard } from '../../../src/channels/telegram/telegram.keyboard.js';
import { TelegramUpdate } from '../../../src/channels/telegram/telegram.schema.js';
import { startFakeBotApi } from '../support/fake-bot-api.js';

const chat = { id: 77, type: 'private' };
const message = (fields: Record<string, unknown>) =>
  TelegramUpdate.parse({
    update_id: 9,
    message: {
      message_id: 1,
      date: 1_700_000_000,
      chat,
      from: { id: 77, language_code: 'en' },
      ...fields,
    },
  });

describe('Telegram decoding', () => {
  it('reads text, /start, captions with their attachment, and names what it cannot read', () => {
    expect(decodeTelegram(message({ text: 'my bill is wrong' })).inbound).toMatchObject({
      kind: 'text',
      text: 'my bill is wrong',
      lang: 'en',
      address: { channel: 'telegram', user: '77' },
      platformMessageId: 'update:9',
    });
    expect(decodeTelegram(message({ text: '/start' })).inbound?.kind).toBe('start');
    expect(
      decodeTelegram(
        message({ caption: '发票', document: { file_id: 'f', file_name: 'bill.pdf' } }),
      ).inbound,
    ).toMatchObject({
      kind: 'text',
      text: '发票\n[attachment: bill.pdf]',
    });
    expect(decodeTelegram(message({ photo: [{ file_id: 'p' }] })).inbound).toMatchObject({
      kind: 'unsupported',
      what: 'photo',
    });
    expect(decodeTelegram(message({ voice: { file_id: 'v' } })).inbound).toMatchObject({
      kind: 'unsupported',
      what: 'voice',
    });
  });

  it('ignores group chats and edits', () => {
    const group = TelegramUpdate.parse({
      update_id: 1,
      message: { message_id: 1, date: 0, chat: { id: -5, type: 'group' }, text: 'hi' },
    });
    expect(decodeTelegram(group)).toEqual({});
    const edit = TelegramUpdate.parse({
      update_id: 2,
      edited_message: { message_id: 1, date: 0, chat, text: 'hi' },
    });
    expect(decodeTelegram(edit)).toEqual({});
  });

  it('turns a button press into the button text, by position when the text was too long for callback_data', () => {
    const long = '我不同意这个处理结果,希望升级到上级主管重新处理';
    const keyboard = inlineKeyboard(['对', long]);
    const indexed = keyboard.flat().find((b) => b.text === long);
    expect(indexed && 'callback_data' in indexed ? indexed.callback_data : undefined).toBe('#1');
    const press = (data: string) =>
      decodeTelegram(
        TelegramUpdate.parse({
          update_id: 3,
          callback_query: {
            id: 'cb1',
            from: { id: 77 },
            data,
            message: { message_id: 5, chat, reply_markup: { inline_keyboard: keyboard } },
          },
        }),
      );
    expect(press('对')).toMatchObject({
      callbackQueryId: 'cb1',
      inbound: { kind: 'text', text: '对' },
    });
    expect(press('#1').inbound).toMatchObject({ text: long });
    expect(press('#7')).toEqual({ callbackQueryId: 'cb1' });
  });

  it('keeps short buttons on shared rows and long ones alone', () => {
    expect(inlineKeyboard(['1', '2', '3', '4', '5']).map((row) => row.length)).toEqual([3, 2]);
    expect(
      inlineKeyboard(['确认无误,请提交', '有地方需要修改一下']).map((row) => row.length),
    ).toEqual([1, 1]);
  });
});

describe('Telegram delivery', () => {
  let bot: Awaited<ReturnType<typeof startFakeBotApi>>;
  let channel: TelegramChannel;
  const address = { channel: 'telegram', user: '77' };
  beforeAll(async () => {
    bot = await startFakeBotApi();
    channel = new TelegramChannel(new Api('1:t', { apiRoot: bot.url }));
  });
  afterAll(async () => {
    await bot.close();
  });

  it('sends suggestions as an inline keyboard, and typing as sendChatAction', async () => {
    bot.calls.splice(0);
    await channel.send(address, { id: 'm1', text: '请打分', meta: { suggestions: ['1', '2'] } });
    await channel.typing(address);
    expect(bot.calls).toEqual([
      {
        method: 'sendMessage',
        body: {
          chat_id: 77,
          text: '请打分',
          reply_markup: {
            inline_keyboard: [
              [
                { text: '1', callback_data: '1' },
                { text: '2', callback_data: '2' },
              ],
            ],
          },
        },
      },
      { method: 'sendChatAction', body: { chat_id: 77, action: 'typing' } },
    ]);
  });

  it('gives up on a blocked bot, and leaves a server error to the retrying queue', async () => {
    bot.failNext(403, 'Forbidden: bot was blocked by the user');
    await expect(channel.send(address, { id: 'm', text: 'x' })).rejects.toBeInstanceOf(
      PlatformRejection,
    );
    bot.failNext(500, 'Internal Server Error');
    const retried = channel.send(address, { id: 'm', text: 'x' });
    await expect(retried).rejects.toThrow('Internal Server Error');
    await expect(retried).rejects.not.toBeInstanceOf(PlatformRejection);
  });

  it('splits text over 4,096 characters at sentence ends', () => {
    const text = '这是一段很长的说明。'.repeat(1000);
    const parts = fitToChannel({ text }, TELEGRAM_CAPABILITIES);
    expect(parts.length).toBe(3);
    for (const part of parts) expect([...part.text].length).toBeLessThanOrEqual(4096);
    expect(parts.map((p) => p.text).join('')).toBe(text);
  });
});
