import type { TelegramCallbackQuery, TelegramMessage, TelegramUpdate } from './telegram.schema.js';

/** What one Telegram update means to Qingting, before it becomes an Activity. */
export type TelegramInbound =
  | {
      kind: 'text';
      updateId: number;
      chatId: number;
      userId: string;
      text: string;
      locale?: string;
      /** Set for a button press, which must be answered so the client stops its spinner. */
      callbackQueryId?: string;
    }
  | { kind: 'unsupported'; updateId: number; chatId: number; userId: string; what: string }
  | { kind: 'ignored'; updateId: number; reason: string };

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

/**
 * Maps an update to a customer message: text as is, a captioned photo or file by its caption with
 * the attachment named, a button press as the button's text; group chats and edits are ignored.
 */
export function decodeTelegram(update: TelegramUpdate): TelegramInbound {
  const updateId = update.update_id;
  if (update.callback_query) return decodeCallback(updateId, update.callback_query);
  if (!update.message) return { kind: 'ignored', updateId, reason: 'not a new message' };
  const message = update.message;
  if (message.chat.type !== 'private') return { kind: 'ignored', updateId, reason: 'group chat' };
  const base = {
    updateId,
    chatId: message.chat.id,
    userId: String(message.from?.id ?? message.chat.id),
    ...(message.from?.language_code ? { locale: message.from.language_code } : {}),
  };
  const text = textOf(message);
  if (text !== undefined && text.trim() !== '') return { kind: 'text', ...base, text };
  const what = MEDIA.find((kind) => message[kind] !== undefined) ?? 'unknown';
  return { kind: 'unsupported', ...base, what };
}

function textOf(message: TelegramMessage): string | undefined {
  if (message.text !== undefined) return message.text;
  if (message.caption === undefined) return undefined;
  const file = message.document?.file_name ?? (message.photo ? 'photo' : undefined);
  return file ? `${message.caption}\n[attachment: ${file}]` : message.caption;
}

function decodeCallback(updateId: number, query: TelegramCallbackQuery): TelegramInbound {
  const chat = query.message?.chat;
  if (!chat || chat.type !== 'private')
    return { kind: 'ignored', updateId, reason: 'button outside a private chat' };
  const text = buttonText(query);
  if (text === undefined) return { kind: 'ignored', updateId, reason: 'unknown button' };
  return {
    kind: 'text',
    updateId,
    chatId: chat.id,
    userId: String(query.from.id),
    text,
    callbackQueryId: query.id,
    ...(query.from.language_code ? { locale: query.from.language_code } : {}),
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

/** Prefix of a callback_data that names a button by position instead of carrying its text. */
export const INDEXED = '#';
