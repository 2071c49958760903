import { createHash } from 'node:crypto';
import type { Storage } from 'botbuilder';
import { z } from 'zod';
import { Language } from '../../domain/taxonomy.js';
import { ChannelAddress } from './channel.js';

/** What the host remembers of a platform conversation: how to reach it and when it last spoke. */
export const ChannelConversation = z.object({
  conversationId: z.string().min(1),
  address: ChannelAddress,
  lang: Language.optional(),
  /** ISO time of the first and the latest customer message (the reply window counts from the latest). */
  firstSeenAt: z.string(),
  lastInboundAt: z.string(),
});
export type ChannelConversation = z.infer<typeof ChannelConversation>;

/**
 * The stable conversation id of a platform user: the same user on the same channel is always the
 * same conversation, on every instance, with no look-up race between two first messages. It is not
 * a credential (platform requests are signature-checked), only a name for logs, tickets and agents.
 */
export function conversationIdOf(address: Pick<ChannelAddress, 'channel' | 'user'>): string {
  const digest = createHash('sha256').update(`${address.channel}\n${address.user}`).digest('hex');
  return `${address.channel}-${digest.slice(0, 32)}`;
}

/**
 * Platform conversations by id, in the bot's `Storage` (Redis in Redis mode), so any instance can
 * deliver an agent's reply. The entry is also the conversation's platform-verified identity
 * (`address.channel` + `address.user`): the seam for a ticket's owner.
 */
export class ConversationDirectory {
  constructor(private readonly storage: Storage) {}

  async get(conversationId: string): Promise<ChannelConversation | undefined> {
    const key = keyOf(conversationId);
    const items = await this.storage.read([key]);
    if (items[key] === undefined) return undefined;
    const entry = ChannelConversation.safeParse(items[key]);
    if (!entry.success)
      throw new Error(`channel conversation ${conversationId}: ${entry.error.message}`);
    return entry.data;
  }

  /** Records a customer message: creates the entry on first contact, else refreshes address and time. */
  async touch(
    address: ChannelAddress,
    at: Date,
    lang?: Language,
  ): Promise<{ entry: ChannelConversation; isNew: boolean }> {
    const conversationId = conversationIdOf(address);
    const known = await this.get(conversationId);
    const entry: ChannelConversation = {
      conversationId,
      address,
      firstSeenAt: known?.firstSeenAt ?? at.toISOString(),
      lastInboundAt: at.toISOString(),
      ...((lang ?? known?.lang) ? { lang: lang ?? known?.lang } : {}),
    };
    await this.storage.write({ [keyOf(conversationId)]: entry });
    return { entry, isNew: known === undefined };
  }
}

const keyOf = (conversationId: string): string => `channels/conversations/${conversationId}`;
