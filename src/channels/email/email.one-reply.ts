import {
  ActivityTypes,
  type Activity,
  type Middleware,
  type ResourceResponse,
  type TurnContext,
} from 'botbuilder';
import { metaOf, reply } from '../../dialogs/outgoing.js';

/**
 * One email answers one email: the messages a turn sends (an acknowledgement, then the questions)
 * are held until the turn ends and leave as one message, paragraphs in order. Runs after the shared
 * stack, so the transcript still records each line as the customer would read it in chat.
 */
export class OneReplyPerTurn implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const held: Partial<Activity>[] = [];
    let holding = true;
    context.onSendActivities(async (_context, activities, sendNext) => {
      if (!holding) return sendNext();
      const messages = activities.filter((a) => a.type === ActivityTypes.Message);
      held.push(...messages);
      const others = activities.filter((a) => a.type !== ActivityTypes.Message);
      activities.splice(0, activities.length, ...others);
      const sent: ResourceResponse[] = others.length > 0 ? await sendNext() : [];
      return [...messages.map((m) => ({ id: m.id ?? '' })), ...sent];
    });
    try {
      await next();
    } finally {
      holding = false;
      if (held.length > 0) {
        const last = held.at(-1) ?? {};
        const meta = metaOf(last);
        const text = held
          .map((a) => (a.text ?? '').trim())
          .filter((t) => t !== '')
          .join('\n\n');
        await context.adapter.sendActivities(context, [reply(text, meta)]);
      }
    }
  }
}
