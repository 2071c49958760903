import { Message } from '../domain/message.js';
import type { TranscriptStore } from './transcript.port.js';

/** Embedded-mode transcript; values round-trip through JSON like the Redis twin's. */
export class MemoryTranscriptStore implements TranscriptStore {
  private readonly conversations = new Map<string, { ids: Set<string>; lines: string[] }>();

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
