import type { ChatError } from '../../channels/web/protocol.js';
import type { HandoffStatus } from '../../channels/customer-delivery.port.js';
import { waitMinutes } from '../../handoff/queue-figures.js';

export type UiLanguage = 'zh' | 'en';

const STRINGS = {
  zh: {
    title: '倾听 · 在线客服',
    subtitle: '我们在听,请慢慢说',
    open: '打开在线客服',
    close: '收起',
    placeholder: '请输入您的问题…',
    send: '发送',
    typing: '正在输入…',
    agentTyping: '客服正在输入…',
    agent: '客服',
    you: '我',
    connecting: '正在连接…',
    reconnecting: '网络中断,正在重新连接…',
    sending: '发送中…',
    retry: '发送失败,点击重试',
    errors: {
      invalid_payload: '消息格式有误',
      empty: '请输入内容',
      too_long: '消息太长了,请分几条发送',
      rate_limited: '发送太频繁了,请稍等片刻',
      unavailable: '服务暂时不可用,请稍后重试',
    },
  },
  en: {
    title: 'Qingting · Customer care',
    subtitle: "We're listening — take your time",
    open: 'Open chat',
    close: 'Minimise',
    placeholder: 'Type your message…',
    send: 'Send',
    typing: 'typing…',
    agentTyping: 'The agent is typing…',
    agent: 'Agent',
    you: 'You',
    connecting: 'Connecting…',
    reconnecting: 'Connection lost, reconnecting…',
    sending: 'Sending…',
    retry: 'Not sent — tap to retry',
    errors: {
      invalid_payload: 'That message could not be read',
      empty: 'Please type something',
      too_long: 'That message is too long — please split it',
      rate_limited: 'Sending too fast — please wait a moment',
      unavailable: 'The service is unavailable, please try again soon',
    },
  },
} as const satisfies Record<
  UiLanguage,
  { errors: Record<ChatError, string> } & Record<string, unknown>
>;

export type Strings = (typeof STRINGS)[UiLanguage];

export const stringsFor = (lang: UiLanguage): Strings => STRINGS[lang];

/**
 * The script's `data-lang`, else the visitor's browser language, else the page's `lang`: an English
 * visitor on a Chinese page is greeted in English unless the site says otherwise.
 */
export function pickLanguage(explicit: string | undefined): UiLanguage {
  const candidates = [
    explicit,
    ...navigator.languages,
    navigator.language,
    document.documentElement.lang,
  ];
  for (const candidate of candidates) {
    const code = candidate?.trim().toLowerCase().slice(0, 2);
    if (code === 'zh' || code === 'en') return code;
  }
  return 'en';
}

/** One status line for the handoff state, in the UI language. */
export function describeHandoff(status: HandoffStatus, lang: UiLanguage): string {
  // The same rounding and the same place in line as the chat message (one source of truth).
  const minutes = status.etaSeconds === undefined ? undefined : waitMinutes(status.etaSeconds);
  if (lang === 'zh') {
    if (status.state === 'queued') {
      const position = status.position ? `,您排在第 ${status.position} 位` : '';
      const wait = minutes ? `,预计等待约 ${minutes} 分钟` : '';
      return `正在为您转接人工客服${position}${wait}。您可以继续留言,内容不会丢失。`;
    }
    if (status.state === 'assigned')
      return `客服${status.agentName ? ` ${status.agentName} ` : ''}已接入,正在为您服务。`;
    return '人工服务已结束,感谢您的耐心。';
  }
  if (status.state === 'queued') {
    const position = status.position ? ` You are number ${status.position} in the queue.` : '';
    const wait = minutes ? ` Estimated wait: about ${minutes} min.` : '';
    return `Connecting you to a person from our team.${position}${wait} Keep typing — nothing is lost.`;
  }
  if (status.state === 'assigned') return `${status.agentName ?? 'An agent'} has joined the chat.`;
  return 'The agent has left the chat. Thank you for your patience.';
}
