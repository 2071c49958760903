import type { ChannelCapabilities } from '../capabilities.js';
import type { Channel, ChannelAddress, OutboundMessage } from '../core/channel.js';
import type { TencentApi } from '../tencent/tencent-api.js';
import { WECHAT_CHANNEL } from './wechat.inbound.js';

/**
 * A customer-service text is capped at 2,048 bytes, about 680 Chinese characters; quick replies
 * are a `msgmenu`; replies are accepted for 48 hours after the customer's last message.
 */
export const WECHAT_CAPABILITIES: ChannelCapabilities = {
  quickReplies: true,
  typing: true,
  maxTextLength: 600,
  media: false,
  replyWindowHours: 48,
};

/** 45015: the 48 hours are over; 45047: the messages allowed in the window are used up. */
export const WECHAT_WINDOW_CODES: ReadonlySet<number> = new Set([45015, 45047]);

const MENU_ITEMS = 10;

/** The WeChat Official Account customer-service message API (客服消息 `message/custom/send`). */
export class WechatChannel implements Channel {
  readonly id = WECHAT_CHANNEL;
  readonly capabilities = WECHAT_CAPABILITIES;

  constructor(private readonly api: TencentApi) {}

  async send(address: ChannelAddress, message: OutboundMessage): Promise<void> {
    await this.api.post('/cgi-bin/message/custom/send', customMessage(address.user, message));
  }

  async typing(address: ChannelAddress): Promise<void> {
    await this.api.post('/cgi-bin/message/custom/typing', {
      touser: address.user,
      command: 'Typing',
    });
  }
}

/** A tapped menu item comes back as a text message with the item's content, like a typed answer. */
export function customMessage(openId: string, message: OutboundMessage): Record<string, unknown> {
  const suggestions = message.meta?.suggestions ?? [];
  if (suggestions.length === 0)
    return { touser: openId, msgtype: 'text', text: { content: message.text } };
  return {
    touser: openId,
    msgtype: 'msgmenu',
    msgmenu: {
      head_content: message.text,
      list: suggestions
        .slice(0, MENU_ITEMS)
        .map((content, index) => ({ id: String(index + 1), content })),
      tail_content: '',
    },
  };
}
