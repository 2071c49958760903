import { ActivityTypes, TurnContext, type Activity, type Middleware } from 'botbuilder';
import { metaOf, reply } from '../dialogs/outgoing.js';
import { fitToChannel, type ChannelCapabilities } from './capabilities.js';

/** Applies `fitToChannel` to every outgoing message of a turn, before the transcript records it. */
export class FitToChannelMiddleware implements Middleware {
  constructor(private readonly capabilities: ChannelCapabilities) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const reference = TurnContext.getConversationReference(context.activity);
    context.onSendActivities(async (_context, activities, sendNext) => {
      const fitted = activities.flatMap((activity) =>
        this.fit(activity).map((part) => TurnContext.applyConversationReference(part, reference)),
      );
      activities.splice(0, activities.length, ...fitted);
      return sendNext();
    });
    await next();
  }

  private fit(activity: Partial<Activity>): Partial<Activity>[] {
    if (activity.type !== ActivityTypes.Message) return [activity];
    // Fast path: UTF-16 length bounds the character count, and buttons need no degrading.
    if (
      this.capabilities.quickReplies &&
      (activity.text ?? '').length <= this.capabilities.maxTextLength
    ) {
      return [activity];
    }
    const meta = metaOf(activity);
    const parts = fitToChannel(
      { text: activity.text ?? '', ...(meta ? { meta } : {}) },
      this.capabilities,
    );
    if (parts.length === 1 && parts[0]?.text === activity.text && parts[0]?.meta === meta)
      return [activity];
    return parts.map((part) => reply(part.text, part.meta));
  }
}
