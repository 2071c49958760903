import { randomUUID } from 'node:crypto';
import { ActivityTypes, type Activity } from 'botbuilder';
import type { Message } from '../domain/message.js';
import { metaOf } from '../dialogs/outgoing.js';

/** Whether an activity carries text for the customer (botbuilder types `type` as a plain string). */
export const isMessage = (activity: Partial<Activity>): boolean =>
  activity.type === (ActivityTypes.Message as string);

/** Messages already built, so the transcript and the channel share one conversion per activity. */
const converted = new WeakMap<Partial<Activity>, Message>();

/**
 * The transcript/wire form of an activity: the same id and time whoever converts it first (an
 * outgoing activity gets its id and timestamp here).
 */
export function toMessage(activity: Partial<Activity>, from: Message['from']): Message {
  const known = converted.get(activity);
  if (known?.from === from) return known;
  activity.id ??= randomUUID();
  activity.timestamp ??= new Date();
  const meta = metaOf(activity);
  const at =
    activity.timestamp instanceof Date ? activity.timestamp : new Date(String(activity.timestamp));
  const message: Message = {
    id: String(activity.id),
    from,
    text: activity.text ?? '',
    at: at.toISOString(),
    ...(meta ? { meta } : {}),
  };
  converted.set(activity, message);
  return message;
}
