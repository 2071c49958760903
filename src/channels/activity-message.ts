import { randomUUID } from 'node:crypto';
import { ActivityTypes, type Activity } from 'botbuilder';
import type { Message } from '../domain/message.js';
import { metaOf } from '../dialogs/outgoing.js';

/** Whether an activity carries text for the customer (botbuilder types `type` as a plain string). */
export const isMessage = (activity: Partial<Activity>): boolean =>
  activity.type === (ActivityTypes.Message as string);

/** Gives an outgoing activity the id and time its Message will carry, once, wherever it is first seen. */
export function stamp(activity: Partial<Activity>): Partial<Activity> {
  activity.id ??= randomUUID();
  activity.timestamp ??= new Date();
  return activity;
}

/** The transcript/wire form of an activity: the same id and time whoever converts it. */
export function toMessage(activity: Partial<Activity>, from: Message['from']): Message {
  stamp(activity);
  const meta = metaOf(activity);
  const at =
    activity.timestamp instanceof Date ? activity.timestamp : new Date(String(activity.timestamp));
  return {
    id: String(activity.id),
    from,
    text: activity.text ?? '',
    at: at.toISOString(),
    ...(meta ? { meta } : {}),
  };
}
