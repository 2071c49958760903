import { Message } from '../domain/message.js';
import { RecencyMap } from './recency-map.js';
import type { TranscriptStore } from './transcript.port.js';

export type TranscriptLimits = { maxConversations: number; ttlMs: number };

const UNBOUNDED: TranscriptLimits = { maxConversations: Infinity, ttlMs: Infinity };

/**
 * Embedded-mode transcript; values round-trip through JSON like the Redis twin's, and idle
 * conversations expire (TTL) or are evicted least-recently-active first beyond a cap. The system of
 * record keeps the durable copy; this is the hot one.
 */
export class MemoryTranscriptStore implements TranscriptStore {
  private readonly conversations: RecencyMap<{ ids: Set<string>; lines: string[] }>;

  constructor(limits: TranscriptLimits = UNBOUNDED, now: () => number = Date.now) {
    this.conversations = new RecencyMap(limits.maxConversations, limits.ttlMs, now);
  }

  append(conversationId: string, message: Message): Promise<void> {
    const conversation = this.conversations.get(conversationId) ?? { ids: new Set(), lines: [] };
    this.conversations.set(conversationId, conversation);
    if (!conversation.ids.has(message.id)) {
      conversation.ids.add(message.id);
      conversation.lines.push(JSON.stringify(message));
    }
    return Promise.resolve();
  }

  list(conversationId: string): Promise<Message[]> {
    const lines = this.conversations.get(conversationId)?.lines ?? [];
    return Promise.resolve(lines.map((line) => Message.parse(JSON.parse(line))));
  }
}
