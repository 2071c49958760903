import type { IncomingMessage } from 'node:http';
import { ActivityTypes, RoleTypes, type Activity, type Storage } from 'botbuilder';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { z } from 'zod';
import type { TranscriptStore } from '../../storage/transcript.port.js';
import { roomOf, type ChatSocketData, type MessageAck } from './protocol.js';
import { WEB_CHAT_CHANNEL } from './web-chat.adapter.js';
import { handleCustomerMessage, type MessageTurnOptions } from './web-chat.message.js';
import type { ChatNamespace } from './web-chat.outbox.js';
import type { ProvisionalConversations } from './web-chat.provisional.js';
import type { WebChatSession, WebChatSessions } from './web-chat.sessions.js';
import { ChatAuth } from './wire.schema.js';

export interface WebChatGatewayOptions extends MessageTurnOptions {
  chat: ChatNamespace;
  sessions: WebChatSessions;
  /** The history a resumed session replays (the same transcript the bot writes to). */
  transcript: TranscriptStore;
  /** New conversations live here until their first message, then in `durable`. */
  provisional: ProvisionalConversations;
  durable: { storage: Storage; transcript: TranscriptStore };
  /** New sessions per client address (SESSIONS_PER_ADDRESS per 10 minutes). */
  sessionLimiter: RateLimiterAbstract;
  clientAddress: (request: IncomingMessage) => string;
  /** The customer is typing: the agent console shows it (handoff service). */
  onCustomerTyping?: (conversationId: string) => void;
  /** The customer has seen the conversation up to a message: the agent console shows 已读. */
  onCustomerRead?: (conversationId: string, upTo: string) => void;
}

/** `read` from the widget: the newest message the customer has seen. */
const ReadPayload = z.object({ upTo: z.string().min(1).max(128) }).strict();

/** Customer typing, and read receipts, are passed on at most this often per socket. */
const TYPING_EVERY_MS = 1000;

/** Rate-limited messages a socket may send within FLOOD_WINDOW_MS before it is disconnected. */
const FLOOD_REFUSALS = 50;
const FLOOD_WINDOW_MS = 10_000;

/**
 * The web-chat edge (DESIGN §6): resolves the session at handshake (a new one is not stored until
 * its first message), replays history, and turns each customer message into a bot turn. Every
 * failure becomes an ack, a handshake error or a log line; nothing thrown here reaches the process.
 */
export function attachWebChat(options: WebChatGatewayOptions): void {
  const { chat, logger } = options;

  chat.use((socket, next) => {
    handshake(options, socket.handshake.auth, socket.request).then(
      (data) => {
        socket.data = data;
        next();
      },
      (error: unknown) => {
        if (error instanceof SessionsExhausted) return next(new Error('rate_limited'));
        logger.error({ err: error }, 'web chat handshake failed');
        next(new Error('unavailable'));
      },
    );
  });

  chat.on('connection', (socket) => {
    const { sessionId, conversationId, history, isNew } = socket.data;
    const session: WebChatSession = {
      sessionId,
      conversationId,
      createdAt: new Date().toISOString(),
      ...(socket.data.lang ? { lang: socket.data.lang } : {}),
    };
    void socket.join(roomOf(conversationId));
    socket.emit('session', { sessionId, history });
    socket.data.history = [];
    logger.info(
      { conversationId, resumed: !isNew, replayed: history.length },
      'web chat connected',
    );

    let stored: Promise<void> | undefined = isNew ? undefined : Promise.resolve();
    const beforeFirstTurn = (): Promise<void> =>
      (stored ??= (async () => {
        await options.adapter.settled(conversationId);
        await options.sessions.persist(session);
        await options.provisional.commit(conversationId, options.durable);
      })().catch((error: unknown) => {
        stored = undefined;
        throw error;
      }));

    // A client that keeps sending past its rate limit is flooding: it is cut off, not answered.
    let refusals = { count: 0, since: Date.now() };
    const refused = (): void => {
      if (Date.now() - refusals.since > FLOOD_WINDOW_MS) refusals = { count: 0, since: Date.now() };
      if (++refusals.count <= FLOOD_REFUSALS) return;
      logger.warn({ conversationId }, 'web chat flood: socket disconnected');
      socket.disconnect(true);
    };

    let typedAt = 0;
    socket.on('message', (payload: unknown, ack?: unknown) => {
      typedAt = 0; // typing after a message is a new burst
      if (typeof ack !== 'function') return;
      const answer = ack as (result: MessageAck) => void;
      handleCustomerMessage(options, socket.data, payload, {
        activityFor: (fields) => activityFor(socket.data, fields),
        beforeFirstTurn,
        refused,
        toOtherTabs: (message) => socket.to(roomOf(conversationId)).emit('message', message),
      }).then(answer, (error: unknown) => {
        logger.error({ err: error, conversationId }, 'web chat message failed');
        answer({ ok: false, error: 'unavailable' });
      });
    });

    socket.on('typing', () => {
      if (Date.now() - typedAt < TYPING_EVERY_MS) return;
      typedAt = Date.now();
      options.onCustomerTyping?.(conversationId);
    });

    // Like typing, at most once a second; a receipt that comes sooner waits, the newest one wins.
    let readAt = 0;
    let unsentRead: string | undefined;
    let readTimer: NodeJS.Timeout | undefined;
    const passRead = (): void => {
      readTimer = undefined;
      if (unsentRead === undefined) return;
      readAt = Date.now();
      options.onCustomerRead?.(conversationId, unsentRead);
      unsentRead = undefined;
    };
    socket.on('read', (payload: unknown) => {
      const read = ReadPayload.safeParse(payload);
      if (!read.success) return refused();
      unsentRead = read.data.upTo;
      const wait = readAt + TYPING_EVERY_MS - Date.now();
      if (wait <= 0) passRead();
      else readTimer ??= setTimeout(passRead, wait);
    });

    socket.on('disconnect', () => {
      clearTimeout(readTimer);
      if (stored !== undefined) return;
      // The visitor left without a word: the greeting's buffered state goes with them.
      void options.adapter
        .settled(conversationId)
        .then(() => stored === undefined && options.provisional.discard(conversationId));
    });

    if (isNew) {
      const greeting = activityFor(socket.data, {
        type: ActivityTypes.ConversationUpdate,
        membersAdded: [customerOf(conversationId)],
      });
      options.adapter.processActivity(greeting, options.logic).catch((error: unknown) => {
        logger.error({ err: error, conversationId }, 'web chat greeting failed');
      });
    }
  });
}

class SessionsExhausted extends Error {
  override name = 'SessionsExhausted';
}

async function handshake(
  options: WebChatGatewayOptions,
  auth: unknown,
  request: IncomingMessage,
): Promise<ChatSocketData> {
  const parsed = ChatAuth.safeParse(auth);
  const requested = parsed.success ? parsed.data : {};
  // The peer, or the client a trusted proxy names (TRUST_PROXY): never a header anyone can set.
  const clientAddress = options.clientAddress(request);
  const known = await options.sessions.find(requested.sessionId);
  if (known) {
    return {
      sessionId: known.sessionId,
      conversationId: known.conversationId,
      lang: requested.lang ?? known.lang,
      isNew: false,
      history: await options.transcript.list(known.conversationId),
      clientAddress,
    };
  }
  try {
    await options.sessionLimiter.consume(clientAddress);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) throw new SessionsExhausted();
    throw rejection;
  }
  const session = options.sessions.open(requested.lang);
  options.provisional.begin(session.conversationId);
  return {
    sessionId: session.sessionId,
    conversationId: session.conversationId,
    lang: requested.lang,
    isNew: true,
    history: [],
    clientAddress,
  };
}

const customerOf = (conversationId: string) => ({
  id: `customer:${conversationId}`,
  name: 'customer',
  role: RoleTypes.User,
});

function activityFor(data: ChatSocketData, fields: Partial<Activity>): Partial<Activity> {
  return {
    channelId: WEB_CHAT_CHANNEL,
    serviceUrl: '',
    conversation: {
      id: data.conversationId,
      isGroup: false,
      conversationType: 'personal',
      name: '',
    },
    from: customerOf(data.conversationId),
    recipient: { id: 'qingting', name: 'Qingting', role: RoleTypes.Bot },
    timestamp: new Date(),
    ...(data.lang ? { locale: data.lang } : {}),
    ...fields,
  };
}
