import { Api } from 'grammy';
import type { ChannelCapabilities, OutgoingText } from '../capabilities.js';
import { inlineKeyboard } from './telegram.keyboard.js';

export const TELEGRAM_CHANNEL = 'telegram';

/** Inline keyboards for quick replies, `sendChatAction` typing, 4,096 characters a message. */
export const TELEGRAM_CAPABILITIES: ChannelCapabilities = {
  quickReplies: true,
  typing: true,
  maxTextLength: 4096,
};

/** The Bot API client; `apiRoot` points tests and private deployments at another host. */
export function telegramApi(token: string, apiRoot: string): Api {
  return new Api(token, { apiRoot });
}

/** Outgoing calls to the Bot API, one message (already fitted to the capabilities) at a time. */
export class TelegramSender {
  constructor(private readonly api: Api) {}

  /** Sends text with its suggestions as an inline keyboard; resolves to Telegram's message id. */
  async sendText(chatId: number, message: OutgoingText): Promise<string> {
    const suggestions = message.meta?.suggestions ?? [];
    const sent = await this.api.sendMessage(
      chatId,
      message.text,
      suggestions.length > 0
        ? { reply_markup: { inline_keyboard: inlineKeyboard(suggestions) } }
        : {},
    );
    return String(sent.message_id);
  }

  async typing(chatId: number): Promise<void> {
    await this.api.sendChatAction(chatId, 'typing');
  }

  /** Acknowledges a button press so the customer's client stops showing a spinner. */
  async answerButton(callbackQueryId: string): Promise<void> {
    await this.api.answerCallbackQuery(callbackQueryId);
  }
}
