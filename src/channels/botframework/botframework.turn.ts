import { randomUUID } from 'node:crypto';
import { ActivityTypes, TurnContext, type Activity } from 'botbuilder';
import { reply } from '../../dialogs/outgoing.js';
import type { IdempotencyStore } from '../../storage/idempotency.port.js';
import { cutToLimit, languageOf, pleaseTypeNote } from '../inbound-text.js';
import type { ConversationReferences } from './botframework.references.js';

export interface BotFrameworkTurnOptions {
  references: ConversationReferences;
  idempotency: IdempotencyStore;
  maxMessageChars: number;
  /** The bot core's turn, e.g. `(context) => bot.run(context)`. */
  logic: (context: TurnContext) => Promise<void>;
}

/**
 * What runs inside an authenticated Bot Framework turn before the bot core: keep the conversation
 * reference for proactive sends, drop platform retries, answer non-text politely, cut oversized
 * text with a note, and greet once — when the customer (not only the bot) joined.
 */
export function botFrameworkTurn(
  options: BotFrameworkTurnOptions,
): (context: TurnContext) => Promise<void> {
  return async (context) => {
    const activity = context.activity;
    await options.references.save(TurnContext.getConversationReference(activity));
    if (activity.type === (ActivityTypes.ConversationUpdate as string)) {
      if (customerJoined(activity)) await options.logic(context);
      return;
    }
    if (activity.type !== (ActivityTypes.Message as string)) return;
    if (!(await firstDelivery(options.idempotency, activity))) return;
    const lang = languageOf(activity.locale);
    const text = activity.text ?? '';
    if (text.trim() === '') {
      await context.sendActivity(reply(pleaseTypeNote(lang), { act: 'inform' }));
      return;
    }
    const cut = cutToLimit(text, options.maxMessageChars, lang);
    if (cut.note !== undefined) {
      activity.text = cut.text;
      await context.sendActivity(reply(cut.note, { act: 'inform' }));
    }
    await options.logic(context);
  };
}

/** A retry of an activity already taken (same conversation, same activity id) is not run again. */
async function firstDelivery(store: IdempotencyStore, activity: Activity): Promise<boolean> {
  if (!activity.id) return true;
  const marker = randomUUID();
  const key = `botframework:${activity.channelId}:${activity.conversation.id}:${activity.id}`;
  return (await store.remember(key, marker)) === marker;
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
