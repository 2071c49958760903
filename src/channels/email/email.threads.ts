import type { Storage } from 'botbuilder';
import { z } from 'zod';

const Entry = z.object({ root: z.string().min(1) });

/**
 * Which thread a Message-ID belongs to — the customer's and our own replies' — in the bot's
 * `Storage`, so a reply that carries only `In-Reply-To: <our reply>` still finds its conversation.
 */
export class EmailThreads {
  constructor(private readonly storage: Storage) {}

  /** The thread of an email from the ids it refers to, newest first; undefined when none is known. */
  async find(ids: readonly string[]): Promise<string | undefined> {
    if (ids.length === 0) return undefined;
    const keys = ids.map(keyOf);
    const found = await this.storage.read(keys);
    for (const key of keys) {
      const entry = Entry.safeParse(found[key]);
      if (entry.success) return entry.data.root;
    }
    return undefined;
  }

  async remember(messageId: string, root: string): Promise<void> {
    await this.storage.write({ [keyOf(messageId)]: { root } });
  }
}

const keyOf = (messageId: string): string => `email/thread/${messageId}`;
