import { randomUUID } from 'node:crypto';
import { ActivityTypes, RoleTypes, type Activity, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Message } from '../../domain/message.js';
import type { IdempotencyStore } from '../../storage/idempotency.port.js';
import type { TranscriptStore } from '../../storage/transcript.port.js';
import { SENDER_FACTS_KEY, type SenderFacts } from '../../tickets/ticket-access.js';
import { toMessage } from '../activity-message.js';
import { roomOf, type ChatSocketData, type MessageAck } from './protocol.js';
import { WEB_CHAT_CHANNEL, type WebChatAdapter } from './web-chat.adapter.js';
import type { ChatNamespace } from './web-chat.outbox.js';
import type { WebChatSessions } from './web-chat.sessions.js';
import { ChatAuth, ChatMessageIn } from './wire.schema.js';

export interface WebChatGatewayOptions {
  chat: ChatNamespace;
  adapter: WebChatAdapter;
  /** The bot's turn handler, e.g. `(context) => bot.run(context)`. */
  logic: (context: TurnContext) => Promise<void>;
  sessions: WebChatSessions;
  transcript: TranscriptStore;
  idempotency: IdempotencyStore;
  rateLimiter: RateLimiterAbstract;
  maxMessageChars: number;
  logger: Logger;
}

/**
 * The web-chat edge (DESIGN §6): resolves or creates the session at handshake, replays history,
 * validates each customer message and turns it into a bot turn. Every failure becomes an ack or a
 * log line; nothing thrown here reaches the process.
 */
export function attachWebChat(options: WebChatGatewayOptions): void {
  const { chat, logger } = options;

  chat.use((socket, next) => {
    handshake(options, socket.handshake.auth).then(
      (data) => {
        socket.data = { ...data, clientAddress: socket.handshake.address };
        next();
      },
      (error: unknown) => {
        logger.error({ err: error }, 'web chat handshake failed');
        next(new Error('unavailable'));
      },
    );
  });

  chat.on('connection', (socket) => {
    const { sessionId, conversationId, history, isNew } = socket.data;
    void socket.join(roomOf(conversationId));
    socket.emit('session', { sessionId, history });
    socket.data.history = [];
    logger.info(
      { conversationId, resumed: !isNew, replayed: history.length },
      'web chat connected',
    );

    socket.on('message', (payload: unknown, ack?: unknown) => {
      if (typeof ack !== 'function') return;
      const answer = ack as (result: MessageAck) => void;
      onMessage(options, socket.data, payload, (message) => {
        socket.to(roomOf(conversationId)).emit('message', message);
      }).then(answer, (error: unknown) => {
        logger.error({ err: error, conversationId }, 'web chat message failed');
        answer({ ok: false, error: 'unavailable' });
      });
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

async function handshake(options: WebChatGatewayOptions, auth: unknown): Promise<ChatSocketData> {
  const parsed = ChatAuth.safeParse(auth);
  const requested = parsed.success ? parsed.data : {};
  const known = await options.sessions.find(requested.sessionId);
  const session = known ?? (await options.sessions.create(requested.lang));
  const history = known ? await options.transcript.list(session.conversationId) : [];
  return {
    sessionId: session.sessionId,
    conversationId: session.conversationId,
    lang: requested.lang ?? session.lang,
    isNew: !known,
    history,
  };
}

async function onMessage(
  options: WebChatGatewayOptions,
  data: ChatSocketData,
  payload: unknown,
  toOtherTabs: (message: Message) => void,
): Promise<MessageAck> {
  const parsed = ChatMessageIn.safeParse(payload);
  if (!parsed.success) return { ok: false, error: 'invalid_payload' };
  const { text, clientMessageId } = parsed.data;
  if (text.length > options.maxMessageChars * 2 || [...text].length > options.maxMessageChars) {
    return { ok: false, error: 'too_long' };
  }
  if (text.trim() === '') return { ok: false, error: 'empty' };
  if (!(await withinRate(options.rateLimiter, data.conversationId))) {
    return { ok: false, error: 'rate_limited' };
  }
  const id = randomUUID();
  const first = await options.idempotency.remember(`${data.conversationId}:${clientMessageId}`, id);
  if (first !== id) return { ok: true, id: first };

  options.logger.debug(
    { conversationId: data.conversationId, chars: text.length },
    'customer message',
  );
  const activity = activityFor(data, { type: ActivityTypes.Message, id, text });
  toOtherTabs(toMessage(activity, 'customer'));
  await options.adapter.processActivity(activity, withSenderFacts(data, options.logic));
  return { ok: true, id };
}

async function withinRate(limiter: RateLimiterAbstract, key: string): Promise<boolean> {
  try {
    await limiter.consume(key);
    return true;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return false;
    throw rejection;
  }
}

/** What the edge knows about the sender rides in turn state, out of reach of the client's payload. */
function withSenderFacts(
  data: ChatSocketData,
  logic: (context: TurnContext) => Promise<void>,
): (context: TurnContext) => Promise<void> {
  const facts: SenderFacts = data.clientAddress ? { clientAddress: data.clientAddress } : {};
  return (context) => {
    context.turnState.set(SENDER_FACTS_KEY, facts);
    return logic(context);
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
