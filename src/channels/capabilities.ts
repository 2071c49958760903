import type { MessageMeta } from '../domain/message.js';

/**
 * What a channel can show (STYLE §2); the one place below adapts messages to it. A channel with
 * `quickReplies` renders `meta.suggestions` itself (buttons, WeChat `msgmenu`, WeCom menus).
 */
export interface ChannelCapabilities {
  /** Tappable quick replies for `meta.suggestions`. */
  quickReplies: boolean;
  /** A typing indicator. */
  typing: boolean;
  /** Longest text one message may carry, in characters. */
  maxTextLength: number;
  /** Images and files can be sent (otherwise they go as links in the text). */
  media?: boolean;
  /**
   * Hours after the customer's last message during which the platform accepts messages from us
   * (WeChat: 48); unset means no window. A proactive send after it is refused before it is queued.
   */
  replyWindowHours?: number;
}

export interface OutgoingText {
  text: string;
  meta?: MessageMeta;
}

/**
 * Degrades an outgoing message to fit a channel: suggestions become a numbered list where quick
 * replies are missing, and over-long text is split into several messages at line or sentence ends.
 */
export function fitToChannel(
  message: OutgoingText,
  capabilities: ChannelCapabilities,
): OutgoingText[] {
  let { text } = message;
  let meta = message.meta;
  const suggestions = meta?.suggestions ?? [];
  if (!capabilities.quickReplies && suggestions.length > 0) {
    text = [text, ...suggestions.map((s, i) => `${i + 1}. ${s}`)].join('\n');
    const rest: MessageMeta = { ...meta };
    delete rest.suggestions;
    meta = Object.keys(rest).length > 0 ? rest : undefined;
  }
  const parts = splitText(text, capabilities.maxTextLength);
  return parts.map((part, index) =>
    index === parts.length - 1 && meta ? { text: part, meta } : { text: part },
  );
}

function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while ([...rest].length > max) {
    const chars = [...rest];
    const window = chars.slice(0, max).join('');
    const cut = Math.max(
      ...['\n', '。', '. ', '!', '?', '!', '?'].map((m) => window.lastIndexOf(m)),
    );
    const end = cut > max / 2 ? cut + 1 : window.length;
    parts.push(rest.slice(0, end).trimEnd());
    rest = rest.slice(end).trimStart();
  }
  parts.push(rest);
  return parts;
}
