import type { Storage, StoreItems } from 'botbuilder';
import type { Message } from '../../domain/message.js';
import { BoundedMemoryStorage } from '../../storage/bounded.memory-storage.js';
import { MemoryTranscriptStore } from '../../storage/memory.transcript-store.js';
import type { TranscriptStore } from '../../storage/transcript.port.js';

/** botbuilder's state keys for a web-chat conversation: its ConversationState and UserState. */
const CONVERSATION_OF_KEY = /^webchat\/(?:conversations\/|users\/customer:)([^/]+)\//;

type Pending = {
  storage: BoundedMemoryStorage;
  keys: Set<string>;
  transcript: MemoryTranscriptStore;
};

/**
 * A new web-chat conversation stays in this process until the customer's first message: its
 * greeting turn's state and transcript lines are buffered here, written to the real stores on
 * `commit`, and dropped on `discard` (the visitor left without a word). So a connection that never
 * sends a message costs no stored state, in memory or in Redis.
 */
export class ProvisionalConversations {
  private readonly pending = new Map<string, Pending>();

  get size(): number {
    return this.pending.size;
  }

  begin(conversationId: string): void {
    this.pending.set(conversationId, {
      storage: new BoundedMemoryStorage({ maxKeys: 16, ttlMs: Infinity }),
      keys: new Set(),
      transcript: new MemoryTranscriptStore(),
    });
  }

  /** Writes what was buffered to the real stores; later writes go there directly. */
  async commit(conversationId: string, inner: { storage: Storage; transcript: TranscriptStore }) {
    const pending = this.pending.get(conversationId);
    if (pending === undefined) return;
    const items = await pending.storage.read([...pending.keys]);
    const changes: StoreItems = {};
    for (const [key, item] of Object.entries(items))
      changes[key] = { ...(item as Record<string, unknown>), eTag: '*' };
    await inner.storage.write(changes);
    for (const message of await pending.transcript.list(conversationId))
      await inner.transcript.append(conversationId, message);
    this.pending.delete(conversationId);
  }

  discard(conversationId: string): void {
    this.pending.delete(conversationId);
  }

  /** The bot's Storage: keys of a provisional conversation are served from its buffer. */
  storage(inner: Storage): Storage {
    const route = (key: string): Pending | undefined => {
      const conversationId = CONVERSATION_OF_KEY.exec(key)?.[1];
      return conversationId === undefined ? undefined : this.pending.get(conversationId);
    };
    return {
      read: async (keys) => {
        const direct = keys.filter((key) => route(key) === undefined);
        const found = direct.length > 0 ? await inner.read(direct) : {};
        for (const key of keys) Object.assign(found, await route(key)?.storage.read([key]));
        return found;
      },
      write: async (changes) => {
        const direct: StoreItems = {};
        for (const [key, item] of Object.entries(changes) as Array<[string, unknown]>) {
          const pending = route(key);
          if (pending === undefined) {
            direct[key] = item;
            continue;
          }
          pending.keys.add(key);
          await pending.storage.write({ [key]: item });
        }
        if (Object.keys(direct).length > 0) await inner.write(direct);
      },
      delete: async (keys) => {
        const direct = keys.filter((key) => route(key) === undefined);
        for (const key of keys) await route(key)?.storage.delete([key]);
        if (direct.length > 0) await inner.delete(direct);
      },
    };
  }

  /** The transcript: lines of a provisional conversation are buffered with it. */
  transcript(inner: TranscriptStore): TranscriptStore {
    return {
      append: (conversationId: string, message: Message) =>
        (this.pending.get(conversationId)?.transcript ?? inner).append(conversationId, message),
      list: (conversationId: string) =>
        (this.pending.get(conversationId)?.transcript ?? inner).list(conversationId),
    };
  }
}
