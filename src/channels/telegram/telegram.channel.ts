import { GrammyError, type Api } from 'grammy';
import type { ChannelCapabilities } from '../capabilities.js';
import {
  PlatformRejection,
  type Channel,
  type ChannelAddress,
  type OutboundMessage,
} from '../core/channel.js';
import { TELEGRAM_CHANNEL } from './telegram.decode.js';
import { inlineKeyboard } from './telegram.keyboard.js';

/** Inline keyboards for quick replies, `sendChatAction` typing, 4,096 characters a message. */
export const TELEGRAM_CAPABILITIES: ChannelCapabilities = {
  quickReplies: true,
  typing: true,
  maxTextLength: 4096,
};

/** Bot API answers that no retry can fix: the customer blocked the bot, or the chat is gone. */
const FINAL_CODES = new Set([400, 403]);

/** Telegram delivery through grammY's `Api`: one message (already fitted) per call. */
export class TelegramChannel implements Channel {
  readonly id = TELEGRAM_CHANNEL;
  readonly capabilities = TELEGRAM_CAPABILITIES;

  constructor(private readonly api: Api) {}

  async send(address: ChannelAddress, message: OutboundMessage): Promise<void> {
    const suggestions = message.meta?.suggestions ?? [];
    try {
      await this.api.sendMessage(
        chatOf(address),
        message.text,
        suggestions.length > 0
          ? { reply_markup: { inline_keyboard: inlineKeyboard(suggestions) } }
          : {},
      );
    } catch (error) {
      if (error instanceof GrammyError && FINAL_CODES.has(error.error_code))
        throw new PlatformRejection(error.description, String(error.error_code));
      throw error;
    }
  }

  async typing(address: ChannelAddress): Promise<void> {
    await this.api.sendChatAction(chatOf(address), 'typing');
  }
}

function chatOf(address: ChannelAddress): number {
  const chat = Number(address.user);
  if (!Number.isSafeInteger(chat))
    throw new PlatformRejection(`not a Telegram chat id: ${address.user}`, 'bad_address');
  return chat;
}
