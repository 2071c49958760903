import { randomBytes, randomUUID } from 'node:crypto';
import type { Storage } from 'botbuilder';
import { z } from 'zod';
import { Language } from '../../domain/taxonomy.js';

const SessionRecord = z.object({
  conversationId: z.string().min(1),
  lang: Language.optional(),
  createdAt: z.string(),
});
type SessionRecord = z.infer<typeof SessionRecord>;

export interface WebChatSession extends SessionRecord {
  sessionId: string;
}

/** 192 random bits, base64url: the session id is the customer's only credential. */
const SESSION_ID = /^[A-Za-z0-9_-]{32}$/;

/**
 * Maps the secret session id a browser keeps to its conversation, in the bot's `Storage` (Redis in
 * Redis mode, so any instance can resume any session; it expires with the storage's TTL). The
 * conversation id is what logs and agents see.
 */
export class WebChatSessions {
  constructor(private readonly storage: Storage) {}

  async find(sessionId: string | undefined): Promise<WebChatSession | undefined> {
    if (sessionId === undefined || !SESSION_ID.test(sessionId)) return undefined;
    const items = await this.storage.read([keyOf(sessionId)]);
    const record = SessionRecord.safeParse(items[keyOf(sessionId)]);
    return record.success ? { sessionId, ...record.data } : undefined;
  }

  /** A new session, not yet stored: it is written by `persist` when the first message arrives. */
  open(lang: Language | undefined): WebChatSession {
    return {
      sessionId: randomBytes(24).toString('base64url'),
      conversationId: randomUUID(),
      createdAt: new Date().toISOString(),
      ...(lang ? { lang } : {}),
    };
  }

  async persist(session: WebChatSession): Promise<void> {
    const { sessionId, ...record } = session;
    await this.storage.write({ [keyOf(sessionId)]: SessionRecord.parse(record) });
  }
}

const keyOf = (sessionId: string): string => `webchat/sessions/${sessionId}`;
