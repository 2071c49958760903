import type { Language } from '../../domain/taxonomy.js';
import type { InboundMessage } from '../core/channel.js';
import type { TelegramCallbackQuery, TelegramMessage, TelegramUpdate } from './telegram.schema.js';

export const TELEGRAM_CHANNEL = 'telegram';

/** An update as a customer event, plus the button press to acknowledge (if it was one). */
export interface DecodedUpdate {
  inbound?: InboundMessage;
  callbackQueryId?: string;
}

/** Non-text kinds, in the order they are checked; each gets the polite "please type". */
const MEDIA = [
  'sticker',
  'voice',
  'audio',
  'video',
  'location',
  'contact',
  'photo',
  'document',
] as const;

/** Prefix of a callback_data that names a button by position instead of carrying its text. */
export const INDEXED = '#';

/**
 * Maps an update to a customer event: text as is, a captioned photo or file by its caption with the
 * attachment named, a button press as the button's text, `/start` as the greeting; group chats and
 * edits are nothing to answer. The private chat id is the customer's address.
 */
export function decodeTelegram(update: TelegramUpdate): DecodedUpdate {
  const platformMessageId = `update:${update.update_id}`;
  if (update.callback_query) return decodeCallback(platformMessageId, update.callback_query);
  const message = update.message;
  if (!message || message.chat.type !== 'private') return {};
  const base = {
    address: { channel: TELEGRAM_CHANNEL, user: String(message.chat.id) },
    platformMessageId,
    at: new Date(message.date * 1000),
    ...languageOf(message.from?.language_code),
  };
  const text = textOf(message);
  if (text !== undefined && /^\/start(?:@\w+)?(?:\s|$)/.test(text))
    return { inbound: { ...base, kind: 'start' } };
  if (text !== undefined && text.trim() !== '') return { inbound: { ...base, kind: 'text', text } };
  const what = MEDIA.find((kind) => message[kind] !== undefined) ?? 'event';
  return { inbound: { ...base, kind: 'unsupported', what } };
}

function textOf(message: TelegramMessage): string | undefined {
  if (message.text !== undefined) return message.text;
  if (message.caption === undefined) return undefined;
  const file = message.document?.file_name ?? (message.photo ? 'photo' : undefined);
  return file ? `${message.caption}\n[attachment: ${file}]` : message.caption;
}

function decodeCallback(platformMessageId: string, query: TelegramCallbackQuery): DecodedUpdate {
  const chat = query.message?.chat;
  const text = buttonText(query);
  if (!chat || chat.type !== 'private' || text === undefined) return { callbackQueryId: query.id };
  return {
    callbackQueryId: query.id,
    inbound: {
      kind: 'text',
      text,
      address: { channel: TELEGRAM_CHANNEL, user: String(chat.id) },
      platformMessageId,
      ...languageOf(query.from.language_code),
    },
  };
}

/** A button's data is its text, or `#n` (text over 64 bytes) read back from the message's keyboard. */
function buttonText(query: TelegramCallbackQuery): string | undefined {
  const data = query.data;
  if (data === undefined || data === '') return undefined;
  if (!data.startsWith(INDEXED)) return data;
  const buttons = query.message?.reply_markup?.inline_keyboard.flat() ?? [];
  return buttons.find((button) => button.callback_data === data)?.text;
}

function languageOf(code: string | undefined): { lang?: Language } {
  const tag = code?.slice(0, 2).toLowerCase();
  return tag === 'zh' || tag === 'en' ? { lang: tag } : {};
}
