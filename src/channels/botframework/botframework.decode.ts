import { ActivityTypes, TurnContext, type Activity } from 'botbuilder';
import type { Language } from '../../domain/taxonomy.js';
import type { ChannelAddress, InboundMessage } from '../core/channel.js';

export const BOT_FRAMEWORK_CHANNEL = 'botframework';

/**
 * One Bot Framework conversation (a Teams personal chat, a Direct Line session) is one Qingting
 * conversation; the address keeps the reference proactive sends need, refreshed on every activity
 * (Teams may move a conversation to another `serviceUrl`).
 */
export function addressOf(activity: Activity): ChannelAddress {
  return {
    channel: BOT_FRAMEWORK_CHANNEL,
    user: `${activity.channelId}:${activity.conversation.id}`,
    data: { reference: TurnContext.getConversationReference(activity) },
  };
}

/**
 * An authenticated activity as a customer event: text (a suggested-action tap arrives as text too),
 * a message with only attachments as unsupported, the customer joining as `start`; anything else
 * (typing, reactions, installation updates about the bot alone) is nothing to answer.
 */
export function decodeActivity(activity: Activity): InboundMessage | undefined {
  const base = {
    address: addressOf(activity),
    platformMessageId: `${activity.conversation.id}:${activity.id ?? String(activity.timestamp)}`,
    ...(activity.timestamp ? { at: new Date(activity.timestamp) } : {}),
    ...languageOf(activity.locale),
  };
  if (activity.type === (ActivityTypes.ConversationUpdate as string))
    return customerJoined(activity) ? { ...base, kind: 'start' } : undefined;
  if (activity.type !== (ActivityTypes.Message as string)) return undefined;
  const text = activity.text ?? '';
  if (text.trim() !== '') return { ...base, kind: 'text', text };
  if ((activity.attachments ?? []).length > 0)
    return { ...base, kind: 'unsupported', what: 'file' };
  return undefined;
}

function languageOf(locale: string | undefined): { lang?: Language } {
  const tag = locale?.slice(0, 2).toLowerCase();
  return tag === 'zh' || tag === 'en' ? { lang: tag } : {};
}

/**
 * Direct Line announces the bot and the user in separate updates; Teams announces only the bot
 * when a person installs it in a personal chat. Either way the greeting runs once.
 */
function customerJoined(activity: Activity): boolean {
  const added = activity.membersAdded ?? [];
  const bot = activity.recipient?.id;
  if (added.some((member) => member.id !== bot)) return true;
  return (
    activity.channelId === 'msteams' &&
    activity.conversation.conversationType === 'personal' &&
    added.some((member) => member.id === bot)
  );
}
