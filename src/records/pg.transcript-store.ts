import { Message, MessageMeta } from '../domain/message.js';
import type { TranscriptStore } from '../storage/transcript.port.js';
import type { RecordsDb } from './database.js';
import type { TranscriptMessagesTable } from './schema.js';
import type { Insertable } from 'kysely';

/** The transcript archive in PostgreSQL: one row per message, first copy of an id wins. */
export class PgTranscriptStore implements TranscriptStore {
  constructor(private readonly db: RecordsDb) {}

  async append(conversationId: string, message: Message): Promise<void> {
    await this.db
      .insertInto('transcript_messages')
      .values(messageRow(conversationId, message))
      .onConflict((oc) => oc.columns(['conversation_id', 'message_id']).doNothing())
      .execute();
  }

  async list(conversationId: string): Promise<Message[]> {
    const rows = await this.db
      .selectFrom('transcript_messages')
      .select(['message_id', 'sender', 'text', 'at', 'meta'])
      .where('conversation_id', '=', conversationId)
      // By time: after a crash a taken-over stream entry is written after later ones (seq order).
      .orderBy('at')
      .orderBy('seq')
      .execute();
    return rows.map((row) =>
      Message.parse({
        id: row.message_id,
        from: row.sender,
        text: row.text,
        at: row.at.toISOString(),
        ...(row.meta === null ? {} : { meta: MessageMeta.parse(row.meta) }),
      }),
    );
  }
}

export function messageRow(
  conversationId: string,
  message: Message,
): Insertable<TranscriptMessagesTable> {
  return {
    conversation_id: conversationId,
    message_id: message.id,
    sender: message.from,
    text: message.text,
    at: message.at,
    meta: message.meta === undefined ? null : JSON.stringify(message.meta),
  };
}
