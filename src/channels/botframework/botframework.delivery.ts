import { randomUUID } from 'node:crypto';
import { TurnContext } from 'botbuilder';
import { reply } from '../../dialogs/outgoing.js';
import type { Message, MessageMeta } from '../../domain/message.js';
import type { TranscriptStore } from '../../storage/transcript.port.js';
import { fitToChannel, type ChannelCapabilities } from '../capabilities.js';
import type { BotFrameworkCloudAdapter } from './botframework.adapter.js';
import type { ConversationReferences } from './botframework.references.js';

export const BOT_FRAMEWORK_CHANNEL = 'botframework';

/** Suggested actions for quick replies and typing; Teams takes about 28 KB a message. */
export const BOT_FRAMEWORK_CAPABILITIES: ChannelCapabilities = {
  quickReplies: true,
  typing: true,
  maxTextLength: 20_000,
};

export class UnknownConversationError extends Error {
  override name = 'UnknownConversationError';
}

/**
 * Proactive sends (agent replies, surveys, status) by stored conversation reference: fitted,
 * appended to the transcript with their real sender, then posted to the conversation's
 * `serviceUrl`. They go to the adapter directly, so no turn middleware re-records them as the bot's.
 */
export class BotFrameworkDelivery {
  constructor(
    private readonly adapter: BotFrameworkCloudAdapter,
    private readonly references: ConversationReferences,
    private readonly transcript: TranscriptStore,
  ) {}

  owns(conversationId: string): Promise<boolean> {
    return this.references.find(conversationId).then((found) => found !== undefined);
  }

  async send(
    conversationId: string,
    message: { from: 'bot' | 'agent' | 'system'; text: string; meta?: MessageMeta },
  ): Promise<Message> {
    const reference = await this.references.find(conversationId);
    if (!reference) throw new UnknownConversationError(`no Bot Framework conversation ${conversationId}`);
    let last: Message | undefined;
    for (const part of fitToChannel(message, BOT_FRAMEWORK_CAPABILITIES)) {
      last = {
        id: randomUUID(),
        from: message.from,
        text: part.text,
        at: new Date().toISOString(),
        ...(part.meta ? { meta: part.meta } : {}),
      };
      await this.transcript.append(conversationId, last);
      const activity = TurnContext.applyConversationReference(reply(part.text, part.meta), reference);
      await this.adapter.continueConversationAsync(
        this.adapter.settings.appId,
        reference,
        async (context) => {
          await context.adapter.sendActivities(context, [activity]);
        },
      );
    }
    if (!last) throw new Error('fitToChannel returned no parts');
    return last;
  }
}
