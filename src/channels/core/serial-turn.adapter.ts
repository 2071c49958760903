import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
} from 'botbuilder';
import { SerialLanes } from './serial-lanes.js';

/**
 * What the web chat and every platform adapter share: turns of one conversation run one after
 * another (two tabs or two webhooks never race on its state), sent messages cannot be edited, and
 * a proactive turn is an Event activity run like any other.
 */
export abstract class SerialTurnAdapter extends BotAdapter {
  private readonly turns = new SerialLanes();

  protected constructor(private readonly channelName: string) {
    super();
  }

  processActivity(
    activity: Partial<Activity>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    return this.turns.run(activity.conversation?.id ?? '', () =>
      this.runMiddleware(new TurnContext(this, activity), logic),
    );
  }

  /** Resolves once every turn of the conversation started so far has finished (or failed). */
  settled(conversationId: string): Promise<void> {
    return this.turns.settled(conversationId);
  }

  updateActivity(): Promise<void> {
    return Promise.reject(new Error(`${this.channelName} cannot update a sent message`));
  }

  deleteActivity(): Promise<void> {
    return Promise.reject(new Error(`${this.channelName} cannot delete a sent message`));
  }

  /** A proactive bot turn, e.g. to resume the assistant after an agent closes (never from inside a turn of the same conversation). */
  continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const activity = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: 'continueConversation' },
      reference,
      true,
    );
    return this.processActivity(activity, logic);
  }
}
