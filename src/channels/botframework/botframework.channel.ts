import { ActivityTypes } from 'botbuilder';
import { reply } from '../../dialogs/outgoing.js';
import type { ChannelCapabilities } from '../capabilities.js';
import {
  PlatformRejection,
  type Channel,
  type ChannelAddress,
  type OutboundMessage,
} from '../core/channel.js';
import type { BotFrameworkClient } from './botframework.client.js';
import { BOT_FRAMEWORK_CHANNEL } from './botframework.decode.js';
import { StoredReference } from './botframework.schema.js';

/** Suggested actions for quick replies and typing; Teams takes about 28 KB a message. */
export const BOT_FRAMEWORK_CAPABILITIES: ChannelCapabilities = {
  quickReplies: true,
  typing: true,
  maxTextLength: 20_000,
};

/**
 * Bot Framework delivery: every message (a turn's reply, an agent's, a survey) goes to the
 * conversation by the reference its address keeps, suggestions as suggested actions.
 */
export class BotFrameworkChannel implements Channel {
  readonly id = BOT_FRAMEWORK_CHANNEL;
  readonly capabilities = BOT_FRAMEWORK_CAPABILITIES;

  constructor(private readonly client: BotFrameworkClient) {}

  async send(address: ChannelAddress, message: OutboundMessage): Promise<void> {
    await this.client.post(referenceOf(address), [reply(message.text, message.meta)]);
  }

  async typing(address: ChannelAddress): Promise<void> {
    await this.client.post(referenceOf(address), [{ type: ActivityTypes.Typing }]);
  }
}

function referenceOf(address: ChannelAddress): StoredReference {
  const parsed = StoredReference.safeParse(address.data?.['reference']);
  if (!parsed.success)
    throw new PlatformRejection(
      `no usable Bot Framework conversation reference for ${address.user}: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`,
      'no_reference',
    );
  return parsed.data;
}
