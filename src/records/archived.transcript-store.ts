import type { Message } from '../domain/message.js';
import type { TranscriptStore } from '../storage/transcript.port.js';
import type { ArchiveSink } from './archive-record.js';

/**
 * The transcript as the app uses it: appends go to the hot store (memory or Redis, which the
 * history replay reads fast) and, through the write-behind sink, to the archive, so a turn never
 * waits for PostgreSQL. Reads merge the archive with the hot store, so a conversation stays whole
 * after a restart (embedded) or once hot state has expired (Redis).
 */
export class ArchivedTranscriptStore implements TranscriptStore {
  constructor(
    private readonly hot: TranscriptStore,
    private readonly archive: TranscriptStore,
    private readonly sink: ArchiveSink,
  ) {}

  async append(conversationId: string, message: Message): Promise<void> {
    await Promise.all([
      this.hot.append(conversationId, message),
      this.sink.enqueue({ kind: 'message', conversationId, message }),
    ]);
  }

  async list(conversationId: string): Promise<Message[]> {
    const [archived, hot] = await Promise.all([
      this.archive.list(conversationId),
      this.hot.list(conversationId),
    ]);
    // The archive lags the hot store, never leads it: its rows first, then what it has not caught up with.
    const seen = new Set(archived.map((m) => m.id));
    return [...archived, ...hot.filter((m) => !seen.has(m.id))];
  }
}
