import type { Language } from '../../domain/taxonomy.js';
import type { HandoffStatus } from '../customer-delivery.port.js';

/** What the channel layer itself says to a customer (the dialogs' scripts cover everything else). */
export const CHANNEL_TEXT = {
  zh: {
    pleaseType: (what: string) =>
      `抱歉,我暂时看不懂${what}。麻烦您用文字描述一下遇到的问题,我会认真记录。`,
    mediaNoted: (what: 'image' | 'file') =>
      `收到您发来的${what === 'image' ? '图片' : '文件'},已经记录下来,处理时客服可以查看。麻烦您再用文字简单说说遇到的问题。`,
    cut: (kept: number) =>
      `您的消息比较长,我先收到了前 ${kept} 个字。没收到的部分,麻烦您分几条再发给我。`,
    assigned: (agent: string | undefined) =>
      `${agent ? `客服${agent}` : '人工客服'}已接入,接下来由专人为您处理。`,
    undelivered: (reason: string) => `⚠ 以上消息未能送达客户:${reason}`,
    queued: (position: number, minutes: number | undefined) =>
      `${position > 1 ? `您前面还有 ${position - 1} 位客户` : '下一位就是您'}${minutes !== undefined ? `,预计等待约 ${minutes} 分钟` : ''},请稍候,您可以继续留言。`,
  },
  en: {
    pleaseType: (what: string) =>
      `Sorry, I can't read ${what} yet. Could you describe the problem in words? I'll note it down.`,
    mediaNoted: (what: 'image' | 'file') =>
      `Thank you, I've kept the ${what} for the team to look at. Could you also tell me in a few words what happened?`,
    cut: (kept: number) =>
      `Your message was long, so I took the first ${kept} characters. Please send the rest in a few shorter messages.`,
    assigned: (agent: string | undefined) =>
      `${agent ?? 'An agent'} has joined and will take it from here.`,
    undelivered: (reason: string) => `⚠ The message above did not reach the customer: ${reason}`,
    queued: (position: number, minutes: number | undefined) =>
      `${position > 1 ? `${position - 1} customer(s) ahead of you` : 'You are next'}${minutes !== undefined ? `, about ${minutes} min` : ''}. You can keep writing while you wait.`,
  },
} satisfies Record<Language, Record<string, (...args: never[]) => string>>;

/** Names of message kinds in the customer's language, for `pleaseType`. */
export const UNSUPPORTED_NAME: Record<Language, Record<string, string>> = {
  zh: {
    sticker: '表情',
    voice: '这条语音',
    location: '位置',
    video: '视频',
    file: '文件',
    event: '这类消息',
  },
  en: {
    sticker: 'stickers',
    voice: 'voice messages',
    location: 'locations',
    video: 'videos',
    file: 'files',
    event: 'that kind of message',
  },
};

/**
 * The text a text-only channel shows for a handoff status change, or nothing when the change needs
 * no message of its own (`closed` is followed by the survey; an unchanged position is not news).
 */
export function handoffNotice(
  lang: Language,
  status: HandoffStatus,
  lastPosition: number | undefined,
): string | undefined {
  const say = CHANNEL_TEXT[lang];
  if (status.state === 'assigned') return say.assigned(status.agentName);
  if (status.state !== 'queued' || status.position === undefined) return undefined;
  // The first position is in the assistant's own handoff message; only changes are news.
  if (lastPosition === undefined || status.position === lastPosition) return undefined;
  const minutes =
    status.etaSeconds !== undefined ? Math.max(1, Math.round(status.etaSeconds / 60)) : undefined;
  return say.queued(status.position, minutes);
}
