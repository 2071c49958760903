import type { ChannelCapabilities } from '../capabilities.js';
import type { Channel, ChannelAddress, OutboundMessage } from '../core/channel.js';
import type { TencentApi } from '../tencent/tencent-api.js';
import { WECOM_CHANNEL, WecomAddressData } from './wecom.messages.js';

/** 微信客服: text up to 2,048 bytes, menu messages, 48 hours after the customer's last message. */
export const WECOM_CAPABILITIES: ChannelCapabilities = {
  quickReplies: true,
  typing: false,
  maxTextLength: 600,
  media: false,
  replyWindowHours: 48,
};

const MENU_ITEMS = 10;
/** A session stays in one state for a while; look again after an hour, remember at most 10,000. */
const SERVED_FOR_MS = 3_600_000;
const SERVED_MEMORY = 10_000;

/** `kf/service_state`: 0 new and unhandled, 1 served by the API (智能助手), 2 queued, 3 a human, 4 ended. */
export const SERVICE_STATE = { new: 0, api: 1, queued: 2, human: 3, ended: 4 } as const;

/**
 * Sends through `kf/send_msg` (or `kf/send_msg_on_event` with an unused welcome code, the only way
 * to greet a customer who has not written yet). Qingting's own agents answer through this API too,
 * so a session stays in state 1 while they do.
 */
export class WecomChannel implements Channel {
  readonly id = WECOM_CHANNEL;
  readonly capabilities = WECOM_CAPABILITIES;
  private readonly usedWelcomeCodes = new Set<string>();
  /** Sessions this instance already saw served by the API, so a message costs no state look-up. */
  private readonly served = new Map<string, number>();

  constructor(
    private readonly api: TencentApi,
    private readonly now: () => number = Date.now,
  ) {}

  async send(address: ChannelAddress, message: OutboundMessage): Promise<void> {
    const data = WecomAddressData.parse(address.data);
    const content = contentOf(message);
    const code = data.welcomeCode;
    if (code && (data.welcomeUntil ?? 0) > this.now() && !this.usedWelcomeCodes.has(code)) {
      this.usedWelcomeCodes.add(code);
      await this.api.post('/cgi-bin/kf/send_msg_on_event', { code, ...content });
      return;
    }
    await this.api.post('/cgi-bin/kf/send_msg', {
      touser: data.externalUserId,
      open_kfid: data.openKfId,
      ...content,
    });
  }

  /** Takes a new session for the API (state 0 → 1), so WeCom does not also route it to its own pool. */
  async serve(data: WecomAddressData): Promise<void> {
    const key = `${data.openKfId}:${data.externalUserId}`;
    if ((this.served.get(key) ?? 0) > this.now()) return;
    const who = { open_kfid: data.openKfId, external_userid: data.externalUserId };
    const state = await this.api.post('/cgi-bin/kf/service_state/get', who);
    if (state['service_state'] === SERVICE_STATE.new)
      await this.api.post('/cgi-bin/kf/service_state/trans', {
        ...who,
        service_state: SERVICE_STATE.api,
      });
    if (this.served.size >= SERVED_MEMORY) this.served.clear();
    this.served.set(key, this.now() + SERVED_FOR_MS);
  }
}

function contentOf(message: OutboundMessage): Record<string, unknown> {
  const suggestions = message.meta?.suggestions ?? [];
  if (suggestions.length === 0) return { msgtype: 'text', text: { content: message.text } };
  return {
    msgtype: 'msgmenu',
    msgmenu: {
      head_content: message.text,
      list: suggestions
        .slice(0, MENU_ITEMS)
        .map((content, index) => ({ type: 'click', click: { id: String(index + 1), content } })),
      tail_content: '',
    },
  };
}
