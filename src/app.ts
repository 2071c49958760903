import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter } from '@socket.io/redis-adapter';
import {
  type BotAdapter,
  ConversationState,
  ShowTypingMiddleware,
  UserState,
  type Storage,
  type TurnContext,
} from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import { Router, type Express } from 'express';
import type { Logger } from 'pino';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { Server } from 'socket.io';
import { QingtingBot } from './bot/qingting.bot.js';
import { TranscriptMiddleware } from './bot/transcript.middleware.js';
import type { TurnInterceptor } from './bot/turn-interceptor.js';
import { WelcomeDialog } from './bot/welcome.dialog.js';
import type { ChannelCapabilities } from './channels/capabilities.js';
import { MemoryAccessTokenCache } from './channels/core/access-tokens.js';
import { BullmqOutbound } from './channels/core/bullmq.outbound.js';
import { ChannelHost } from './channels/core/channel-host.js';
import { ChannelRegistry } from './channels/core/channel-registry.js';
import type { EnabledChannel } from './channels/core/channel-setup.js';
import { ConversationDirectory } from './channels/core/conversation-directory.js';
import { DirectOutbound } from './channels/core/direct.outbound.js';
import { MediaInterceptor } from './channels/core/media.interceptor.js';
import { setUpChannels } from './channels/core/enabled-channels.js';
import type { Backoff } from './channels/core/outbound.js';
import { RedisAccessTokenCache } from './channels/core/redis.access-tokens.js';
import { RoutingDelivery } from './channels/core/routing.delivery.js';
import { FitToChannelMiddleware } from './channels/fit.middleware.js';
import { CHAT_NAMESPACE } from './channels/web/protocol.js';
import { WebChatAdapter } from './channels/web/web-chat.adapter.js';
import { WebChatDelivery } from './channels/web/web-chat.delivery.js';
import { attachWebChat } from './channels/web/web-chat.gateway.js';
import {
  WEB_CHAT_CAPABILITIES,
  WebChatOutbox,
  type ChatNamespace,
} from './channels/web/web-chat.outbox.js';
import { ProvisionalConversations } from './channels/web/web-chat.provisional.js';
import { WebChatSessions } from './channels/web/web-chat.sessions.js';
import type { CustomerDelivery } from './channels/customer-delivery.port.js';
import type { Env } from './config/env.js';
import type { LiveEscalation } from './handoff/live-escalation.port.js';
import { createHandoff, type HandoffSubsystem } from './handoff/create-handoff.js';
import { createLlmClient } from './llm/create-llm-client.js';
import type { LlmClient } from './llm/llm-client.js';
import { reply } from './dialogs/outgoing.js';
import { createHttpApp } from './server/http-app.js';
import type { ReadinessCheck } from './server/health.js';
import { clientAddressOf } from './server/client-address.js';
import { createLogger } from './server/logger.js';
import type { CannedResponses } from './handoff/canned-responses.port.js';
import type { LiveHandoffTimes } from './handoff/handoff-times.js';
import type { PromptLoader } from './llm/prompt-loader.js';
import { BoundedMemoryStorage } from './storage/bounded.memory-storage.js';
import type { IdempotencyStore } from './storage/idempotency.port.js';
import { MemoryIdempotencyStore } from './storage/memory.idempotency-store.js';
import { MemoryTranscriptStore } from './storage/memory.transcript-store.js';
import { connectRedis, duplicateRedis, type RedisClient } from './storage/redis-client.js';
import { RedisIdempotencyStore } from './storage/redis.idempotency-store.js';
import { RedisStorage } from './storage/redis.storage.js';
import { RedisTranscriptStore } from './storage/redis.transcript-store.js';
import type { TranscriptStore } from './storage/transcript.port.js';
import { MemoryTicketStore } from './tickets/memory.ticket-store.js';
import { RedisTicketStore } from './tickets/redis.ticket-store.js';
import { TicketGuard } from './tickets/ticket-guard.js';
import { TicketLookupLimiter } from './tickets/ticket-lookup-limiter.js';
import type { TicketStore } from './tickets/ticket-store.port.js';
import { createTicketsRouter } from './tickets/tickets.router.js';
import type { Understanding } from './understanding/understanding.port.js';
import type { Ticket } from './domain/ticket.js';
import { TurnFactsMiddleware } from './bot/turn-facts.middleware.js';
import type { Records } from './records/create-records.js';
import { auditEntry } from './records/audit-entry.js';
import { createAnalytics } from './analytics/create-analytics.js';
import { createAdmin } from './admin/create-admin.js';
import { adminRoutes } from './web/admin/admin.routes.js';
import { agentConsoleRoutes } from './web/agent/agent-console.routes.js';
import { webRoutes } from './web/web.routes.js';

/** Everything a root dialog, an interceptor or an extension may need, built once per app. */
export interface AppContext {
  env: Readonly<Env>;
  logger: Logger;
  /** botbuilder state storage: bounded memory embedded, RedisStorage in Redis mode (with TTLs). */
  storage: Storage;
  conversationState: ConversationState;
  userState: UserState;
  transcript: TranscriptStore;
  /** Proactive delivery to customers (agent replies, handoff status), on the conversation's channel. */
  delivery: CustomerDelivery;
  /** The platform channels (WeChat, WeCom, …) enabled on this instance. */
  channels: ChannelRegistry;
  tickets: TicketStore;
  /** The system of record (PostgreSQL or embedded PGlite); undefined with RECORDS=none. */
  records: Records | undefined;
  /** Who may read, supplement or withdraw which ticket from the chat (DESIGN §11). */
  ticketGuard: TicketGuard;
  /** Handoff queue, agent API and console: `handoff.trigger` is the dialogs' HandoffTrigger. */
  handoff: HandoffSubsystem;
  understanding: Understanding | undefined;
  /** The one LLM client (shared breaker and usage); undefined without OPENAI_API_KEY. */
  llm: LlmClient | undefined;
  /** The shared node-redis client in Redis mode (use `.duplicate()` for blocking or pub/sub work). */
  redis: RedisClient | undefined;
  /** The socket.io server, e.g. to add the `/agent` namespace. */
  io: Server;
  /** The express app, e.g. to mount the agent API (404 handling is added after `extend`). */
  http: Express;
}

export interface HandoffLive {
  times: Pick<LiveHandoffTimes, 'current'>;
  prompts: PromptLoader;
  /** Wraps the system of record's canned responses (called once, only with one). */
  canned: (store: CannedResponses) => CannedResponses;
}

export interface AppOptions {
  logger?: Logger;
  understanding?: Understanding;
  /** How the handoff answers a waiting case that gets worse (the product's flows). */
  liveEscalation?: LiveEscalation;
  /** The LLM client the product already built; default: one from the environment (none without a key). */
  llm?: LlmClient;
  /** Builds the root dialog the bot runs; default: the temporary WelcomeDialog. */
  rootDialog?: (context: AppContext) => Dialog;
  /** Builds the interceptors run before the dialogs on each customer message, in order. */
  interceptors?: (context: AppContext) => readonly TurnInterceptor[];
  /** Back-off of outbound platform calls; default 1 s doubling to 5 min (tests use a shorter one). */
  channelBackoff?: Backoff;
  /**
   * What the handoff reads at every use so a published configuration applies without a restart
   * (the product follows the admin console's live versions into them; src/admin/config).
   */
  handoffLive?: HandoffLive;
  /** Mounts more routes or namespaces; the returned function runs at close, before Redis is closed. */
  extend?: (
    context: AppContext,
  ) => Promise<(() => Promise<void>) | void> | (() => Promise<void>) | void;
}

export interface App {
  httpServer: HttpServer;
  io: Server;
  context: AppContext;
  /** The platform channels' host (hand it decoded events) and what each enabled channel reported. */
  channels: { host: ChannelHost; enabled: readonly EnabledChannel[] };
  /** `/admin/setup?token=…` on a first run (no account yet): the one-time link to the first admin. */
  setupPath: string | undefined;
  /** Starts listening (port 0 picks a free one) and resolves to the base URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** Graceful stop: sockets, HTTP, extensions, then Redis. Safe to call twice. */
  close(): Promise<void>;
}

/** The composition root: wires storage, bot, web-chat channel and HTTP for embedded or Redis mode. */
export async function createApp(env: Readonly<Env>, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(env);
  const redis = env.REDIS_URL ? await connectRedis(env.REDIS_URL, logger) : undefined;
  const prefix = env.REDIS_PREFIX;
  // System of record: tickets and the transcript archive in PostgreSQL (DATABASE_URL) or the
  // embedded PGlite (DATA_DIR); Redis or memory keeps the hot transcript the history replay reads.
  // Loaded only when used: the database drivers cost seconds of start-up that RECORDS=none skips.
  const records =
    env.RECORDS === 'none'
      ? undefined
      : await (
          await import('./records/create-records.js')
        ).openRecords(env, { logger, ...(redis ? { redis: { client: redis, prefix } } : {}) });
  // Hot state expires when idle (DESIGN §11); new conversations stay provisional until a message.
  const ttlSeconds = env.SESSION_TTL_DAYS * 86_400;
  const ttlMs = ttlSeconds * 1000;
  const maxConversations = env.EMBEDDED_MAX_CONVERSATIONS;
  const hotTranscript: TranscriptStore = redis
    ? new RedisTranscriptStore(redis, prefix, ttlSeconds)
    : new MemoryTranscriptStore({ maxConversations, ttlMs });
  const durable = {
    storage: redis
      ? new RedisStorage(redis, prefix, ttlSeconds)
      : new BoundedMemoryStorage({ maxKeys: maxConversations * 3, ttlMs }),
    transcript: records?.transcript(hotTranscript) ?? hotTranscript,
  };
  const provisional = new ProvisionalConversations();
  const storage: Storage = provisional.storage(durable.storage);
  const transcript: TranscriptStore = provisional.transcript(durable.transcript);
  const idempotency: IdempotencyStore = redis
    ? new RedisIdempotencyStore(redis, prefix)
    : new MemoryIdempotencyStore();
  const limiter = (options: { points: number; duration: number; keyPrefix: string }) =>
    redis
      ? new RateLimiterRedis({ storeClient: redis, useRedisPackage: true, ...options })
      : new RateLimiterMemory(options);
  const rateLimiter: RateLimiterAbstract = limiter({
    points: env.CHAT_RATE_LIMIT,
    duration: 10,
    keyPrefix: `${prefix}rate:chat`,
  });

  // Channels add their checks to this array once set up; /readyz reads it on every request.
  const readiness: ReadinessCheck[] = [
    ...(redis ? [{ name: 'redis', check: async () => redis.ping() }] : []),
    ...(records ? [records.readiness] : []),
  ];
  const { app: http, finish } = createHttpApp({
    logger,
    readiness,
    routers: [webRoutes()],
    trustProxy: env.TRUST_PROXY,
    serveSourceMaps: env.SERVE_SOURCE_MAPS,
  });
  const httpServer = createServer(http);
  const io = new Server(httpServer, { cors: { origin: '*' }, maxHttpBufferSize: 64 * 1024 });
  const pubSub = redis
    ? [await duplicateRedis(redis, logger, 'pub'), await duplicateRedis(redis, logger, 'sub')]
    : [];
  if (pubSub[0] && pubSub[1])
    io.adapter(createAdapter(pubSub[0], pubSub[1], { key: `${prefix}socket.io` }));

  // socket.io types events per server; the chat namespace gets its own protocol types here, once.
  const chat = io.of(CHAT_NAMESPACE) as unknown as ChatNamespace;
  const outbox = new WebChatOutbox(chat);
  const adapter = new WebChatAdapter(outbox);
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const channels = new ChannelRegistry({
    directory: new ConversationDirectory(storage),
    transcript,
    outbound: redis
      ? new BullmqOutbound({
          client: redis,
          prefix,
          onError: (error) => logger.error({ err: error }, 'channel outbound queue failed'),
          ...(options.channelBackoff ? { backoff: options.channelBackoff } : {}),
        })
      : new DirectOutbound(options.channelBackoff),
    logger,
  });
  const delivery = new RoutingDelivery(channels, new WebChatDelivery(outbox, transcript));
  const tickets: TicketStore =
    records?.tickets ??
    (redis ? new RedisTicketStore({ client: redis, prefix }) : new MemoryTicketStore());
  const ticketGuard = new TicketGuard({
    tickets,
    verify: env.TICKET_VERIFY,
    ...(records ? { onGranted: (ticket: Ticket) => records.facts.granted(ticket.id) } : {}),
    limiter: new TicketLookupLimiter(
      {
        perSession: env.TICKET_LOOKUPS_PER_SESSION,
        perAddress: env.TICKET_LOOKUPS_PER_ADDRESS,
        windowSeconds: env.TICKET_LOOKUP_WINDOW_SECONDS,
      },
      redis ? { client: redis, prefix } : undefined,
    ),
  });
  const llm = options.llm ?? createLlmClient(env, { logger });
  const handoff = await createHandoff({
    env,
    llm,
    io,
    tickets,
    transcripts: transcript,
    delivery,
    redis: redis ? { client: redis, prefix } : undefined,
    // dlg: the live handover reads what customers write while queued or assigned.
    ...(options.understanding ? { understanding: options.understanding } : {}),
    ...(options.liveEscalation ? { escalation: options.liveEscalation } : {}),
    ...(records
      ? {
          decorateQueue: (queue) => records.archiveHandoffs(queue),
          directory: records.agents,
          followUps: records.followUps,
          audit: (action) => records.audit.record(auditEntry(action)),
          canned: options.handoffLive?.canned(records.canned) ?? records.canned,
        }
      : {}),
    ...(options.handoffLive
      ? { times: options.handoffLive.times, prompts: options.handoffLive.prompts }
      : {}),
    onError: (error, where) => logger.error({ err: error, where }, 'handoff failed'),
  });
  http.use('/api/agent', handoff.agentRouter);
  http.use(createTicketsRouter({ tickets, auth: handoff.requireAgent }));
  if (records) http.use(records.router(handoff.requireAgent));
  // Analytics API (src/analytics) over the system of record; the dashboard page is served below.
  if (records) http.use(createAnalytics(env, records.database.db, handoff.requireAgent));
  http.use(agentConsoleRoutes());
  http.use(adminRoutes());
  // People, first-run setup and the system view (src/admin).
  const admin = await createAdmin({
    logger,
    handoff,
    auditLog: records?.audit,
    redis: redis ? { client: redis, prefix } : undefined,
    readiness,
  });
  for (const router of admin.routers) http.use(router);
  const context: AppContext = {
    env,
    logger,
    storage,
    conversationState,
    userState,
    transcript,
    delivery,
    channels,
    tickets,
    records,
    ticketGuard,
    handoff,
    understanding: options.understanding,
    llm,
    redis,
    io,
    http,
  };

  const media = new MediaInterceptor(channels);
  const bot = new QingtingBot({
    conversationState,
    userState,
    rootDialog: options.rootDialog?.(context) ?? new WelcomeDialog(),
    interceptors: [handoff.interceptor, media, ...(options.interceptors?.(context) ?? [])],
  });
  /** The one middleware stack and turn-error handler, for the web chat and every platform channel. */
  const prepare = (channelAdapter: BotAdapter, capabilities: ChannelCapabilities): void => {
    // A typing indicator when a turn takes longer than 400 ms (e.g. an LLM call); never recorded.
    channelAdapter.use(new ShowTypingMiddleware(400, 2000));
    channelAdapter.use(new FitToChannelMiddleware(capabilities));
    channelAdapter.use(new TranscriptMiddleware(transcript));
    // The analytics scope of the turn: its facts carry the conversation and channel.
    if (records) channelAdapter.use(new TurnFactsMiddleware(records.facts));
    channelAdapter.onTurnError = onTurnError;
  };
  const onTurnError = async (turn: TurnContext, error: Error): Promise<void> => {
    logger.error({ err: error, conversationId: turn.activity.conversation.id }, 'bot turn failed');
    const zh = turn.activity.locale?.startsWith('en') !== true;
    await turn.sendActivity(
      reply(
        zh
          ? '抱歉,系统刚才出了点问题,请稍后再发一次。您之前说的内容都已保存。'
          : 'Sorry, something went wrong on our side. Please send that again in a moment — nothing you said is lost.',
        { act: 'inform' },
      ),
    );
  };
  prepare(adapter, WEB_CHAT_CAPABILITIES);
  attachWebChat({
    chat,
    adapter,
    logic: (turn) => bot.run(turn),
    sessions: new WebChatSessions(durable.storage),
    transcript,
    provisional,
    durable,
    idempotency,
    rateLimiter,
    sessionLimiter: limiter({
      points: env.SESSIONS_PER_ADDRESS,
      duration: 600,
      keyPrefix: `${prefix}rate:sessions`,
    }),
    clientAddress: clientAddressOf(env.TRUST_PROXY),
    onCustomerTyping: (conversationId) =>
      void handoff.service
        .customerTyping(conversationId)
        .catch((error: unknown) => logger.warn({ err: error }, 'customer typing not passed on')),
    onCustomerRead: (conversationId, upTo) =>
      void handoff.service
        .customerRead(conversationId, upTo)
        .catch((error: unknown) => logger.warn({ err: error }, 'customer read not passed on')),
    delivery,
    maxMessageChars: env.MAX_MESSAGE_CHARS,
    turnDeadlineMs: env.TURN_DEADLINE_MS,
    logger,
  });

  const host = new ChannelHost({
    registry: channels,
    logic: (turn) => bot.run(turn),
    prepare,
    idempotency,
    media,
    maxMessageChars: env.MAX_MESSAGE_CHARS,
    logger,
  });
  const channelRoutes = Router();
  http.use(channelRoutes);
  const enabledChannels = await setUpChannels({
    env,
    host,
    router: channelRoutes,
    tokens: redis ? new RedisAccessTokenCache(redis, prefix) : new MemoryAccessTokenCache(),
    storage,
    redis: redis ? { client: redis, prefix } : undefined,
    logger,
  });
  for (const channel of enabledChannels)
    readiness.push({
      name: `channel:${channel.id}`,
      check: channel.ready ?? (() => Promise.resolve()),
    });
  await channels.start();
  logger.info(
    { channels: ['webchat', ...enabledChannels.map((c) => `${c.id} ${c.endpoint}`)] },
    'channels enabled',
  );

  const cleanup = (await options.extend?.(context)) ?? undefined;
  finish();

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
      for (const channel of enabledChannels) await channel.close?.();
      await channels.close();
      await handoff.close();
      await admin.close();
      if (cleanup) await cleanup();
      await records?.close();
      for (const client of [...pubSub, redis]) if (client?.isOpen) await client.close();
    })();
    return closing;
  };

  const listen = (port = env.PORT, host = env.HOST): Promise<string> =>
    new Promise((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(port, host, () => {
        httpServer.off('error', reject);
        const { port: bound } = httpServer.address() as AddressInfo;
        resolve(`http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${bound}`);
      });
    });

  return {
    httpServer,
    io,
    context,
    channels: { host, enabled: enabledChannels },
    setupPath: admin.setupPath,
    listen,
    close,
  };
}
