import type { ConversationReference, Storage } from 'botbuilder';
import { z } from 'zod';

/** What proactive delivery needs to reach a Bot Framework conversation again. */
const Account = z.object({
  id: z.string(),
  name: z.string().default(''),
  role: z.string().optional(),
  aadObjectId: z.string().optional(),
});
const StoredReference = z.object({
  channelId: z.string(),
  serviceUrl: z.string(),
  conversation: z.object({
    id: z.string(),
    isGroup: z.boolean().default(false),
    conversationType: z.string().default(''),
    name: z.string().default(''),
    tenantId: z.string().optional(),
  }),
  bot: Account,
  user: Account.optional(),
  locale: z.string().optional(),
});

/**
 * Conversation references by conversation id, kept in the bot's `Storage` (memory or Redis), so an
 * agent's reply or a survey reaches the customer from any instance after any restart.
 */
export class ConversationReferences {
  constructor(private readonly storage: Storage) {}

  async save(reference: Partial<ConversationReference>): Promise<void> {
    const id = reference.conversation?.id;
    if (!id) return;
    await this.storage.write({ [keyOf(id)]: { reference, eTag: '*' } });
  }

  async find(conversationId: string): Promise<Partial<ConversationReference> | undefined> {
    const key = keyOf(conversationId);
    const item: unknown = (await this.storage.read([key]))[key];
    const parsed = z.object({ reference: StoredReference }).safeParse(item);
    return parsed.success ? parsed.data.reference : undefined;
  }
}

const keyOf = (conversationId: string): string => `botframework/reference/${conversationId}`;
