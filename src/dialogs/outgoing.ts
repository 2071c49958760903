import { ActivityTypes, MessageFactory, type Activity } from 'botbuilder';
import { MessageMeta } from '../domain/message.js';

/**
 * The one convention for carrying Qingting's message meta on a Bot Framework Activity:
 * suggestions ride as botbuilder `suggestedActions`, the rest as `channelData.qingting`.
 * Dialogs build replies with `reply()`; channels read them back with `metaOf()`.
 */
export function reply(text: string, meta: MessageMeta = {}): Partial<Activity> {
  const { suggestions, ...rest } = meta;
  const activity =
    suggestions && suggestions.length > 0
      ? MessageFactory.suggestedActions(suggestions, text)
      : MessageFactory.text(text);
  activity.channelData = { qingting: rest };
  return activity;
}

/** Reads the meta a dialog attached to an outgoing activity; unknown shapes yield no meta rather than an error. */
export function metaOf(activity: Partial<Activity>): MessageMeta | undefined {
  const channelData: unknown = activity.channelData;
  const raw =
    typeof channelData === 'object' && channelData !== null && 'qingting' in channelData
      ? channelData.qingting
      : {};
  const parsed = MessageMeta.safeParse(raw);
  const suggestions = (activity.suggestedActions?.actions ?? [])
    .map((action) => (typeof action.value === 'string' ? action.value : action.title))
    .filter((value): value is string => typeof value === 'string');
  const meta: MessageMeta = { ...(parsed.success ? parsed.data : {}) };
  if (suggestions.length > 0) meta.suggestions = suggestions;
  return Object.keys(meta).length > 0 ? meta : undefined;
}

export function isTyping(activity: Partial<Activity>): boolean {
  return activity.type === ActivityTypes.Typing;
}
