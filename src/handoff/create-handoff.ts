import type { Router } from 'express';
import type { RedisClientType } from 'redis';
import type { Server } from 'socket.io';
import type { CustomerDelivery } from '../channels/customer-delivery.port.js';
import type { Env } from '../config/env.js';
import type { LlmClient } from '../llm/llm-client.js';
import { PromptLoader } from '../llm/prompt-loader.js';
import type { TranscriptStore } from '../storage/transcript.port.js';
import type { TicketStore } from '../tickets/ticket-store.port.js';
import { adminNames, SeededAgentDirectory } from '../agents/agent-directory.js';
import type { AgentDirectory } from '../agents/agent-directory.port.js';
import type { Understanding } from '../understanding/understanding.port.js';
import type { LiveEscalation } from './live-escalation.port.js';
import { requireAgent } from '../agents/agent-auth.middleware.js';
import { AgentTokens } from '../agents/agent-tokens.js';
import { LoginLimiter } from '../agents/login-limiter.js';
import { createAgentRouter } from './agent-api.router.js';
import type { FollowUps } from './follow-ups.port.js';
import { createFollowUpsRouter, type StaffAction } from './follow-ups.router.js';
import { CaseMarks } from './case-marks.js';
import type { Handoff, Survey } from './handoff.js';
import { Inbox } from './inbox.js';
import { createInboxRouter } from './inbox.router.js';
import { MemoryFollowUps } from './memory.follow-ups.js';
import type { CannedResponses } from './canned-responses.port.js';
import { MemoryCannedResponses } from './memory.canned-responses.js';
import { AgentNamespace } from './agent.namespace.js';
import { BullmqHandoffQueue } from './bullmq.handoff-queue.js';
import { envHandoffTimes, liveSlaMinutes, type LiveHandoffTimes } from './handoff-times.js';
import { HandoffInterceptor } from './handoff.interceptor.js';
import type { HandoffQueue } from './handoff-queue.port.js';
import { HandoffService } from './handoff.service.js';
import { MemoryAgentPresence } from './memory.agent-presence.js';
import { RedisAgentPresence } from './redis.agent-presence.js';
import { MemoryHandoffQueue } from './memory.handoff-queue.js';
import type { AgentPresence } from './agent-presence.port.js';
import { AutoAssigner } from './auto-assign.js';
import { TeamRoster } from './team-roster.js';
import { createTeamRouter } from './team.router.js';
import { LlmAbstractWriter } from './summary/abstract-writer.js';
import { createSummarizer } from './summary/llm-summarizer.js';

export type HandoffEnv = Pick<
  Env,
  | 'AGENT_SEED'
  | 'AGENT_ADMINS'
  | 'AGENT_TOKEN_SECRET'
  | 'AGENT_TOKEN_TTL_SECONDS'
  | 'AGENT_LOGIN_ATTEMPTS'
  | 'AGENT_LOGIN_WINDOW_SECONDS'
  | 'AGENT_GRACE_SECONDS'
  | 'AUTO_ASSIGN'
  | 'AUTO_ASSIGN_CAPACITY'
  | 'AGENT_PRESENCE_TTL_SECONDS'
  | 'BUSINESS_HOURS'
  | 'BUSINESS_TIME_ZONE'
  | 'HANDOFF_SLA_MINUTES'
  | 'FOLLOW_UP_HOURS'
  | 'MAX_MESSAGE_CHARS'
>;

export type HandoffDeps = {
  env: HandoffEnv;
  io: Server;
  tickets: TicketStore;
  transcripts: TranscriptStore;
  delivery: CustomerDelivery;
  /** The app's one LLM client (one breaker and usage count for every LLM feature); none offline. */
  llm: LlmClient | undefined;
  /** Redis mode: a connected node-redis client and the key prefix (REDIS_PREFIX). */
  redis?: { client: RedisClientType; prefix: string };
  /** Reads what customers write while queued or assigned (live handover); none: the case stays as handed off. */
  understanding?: Understanding;
  escalation?: LiveEscalation;
  /** Wraps the queue, e.g. to archive every change in the system of record (src/records). */
  decorateQueue?: (queue: HandoffQueue) => HandoffQueue;
  onError: (error: unknown, context: string) => void;
  /** Agent accounts (the system of record's when on); default: seeded from AGENT_SEED in this process. */
  directory?: AgentDirectory;
  /** 回访 tasks (the system of record's when on); default: in process memory. */
  followUps?: FollowUps;
  /** Puts an agent's action in the audit log (the system of record's when on). */
  audit?: (action: StaffAction) => Promise<void>;
  /** Canned responses (the system of record's when on); default: in this process's memory. */
  canned?: CannedResponses;
  /** Business hours and SLA minutes read at every use (the admin's published ones); default: env. */
  times?: Pick<LiveHandoffTimes, 'current'>;
  /** Prompt files for the summaries (with the published prompts laid over them); default: files. */
  prompts?: PromptLoader;
};

/** Everything the composition root wires: the trigger for the dialogs, the interceptor for the bot core, the routers. */
export type HandoffSubsystem = {
  service: HandoffService;
  /** Give to the intake dialogs as their `HandoffTrigger`. */
  trigger: HandoffService;
  /** Put first in the bot core's interceptors. */
  interceptor: HandoffInterceptor;
  /** Mount with `app.use('/api/agent', agentRouter)`. */
  agentRouter: Router;
  followUps: FollowUps;
  /** The canned responses agents insert with `/` (admins manage them). */
  canned: CannedResponses;
  /** Bearer-token check for other agent endpoints (e.g. `GET /api/tickets/:id`). */
  requireAgent: ReturnType<typeof requireAgent>;
  /** The accounts and the tokens the login issues (the admin API and first-run setup use them). */
  directory: AgentDirectory;
  tokens: AgentTokens;
  /** Closes every console of the agent, on every instance (a disabled or reset account). */
  endSessions(username: string): void;
  /** Closes timers and workers (before sockets and Redis). */
  close(): Promise<void>;
};

/** Builds the handoff subsystem for embedded (memory) or Redis (BullMQ) mode. */
export async function createHandoff(deps: HandoffDeps): Promise<HandoffSubsystem> {
  const { env, redis } = deps;
  const directory =
    deps.directory ??
    (await SeededAgentDirectory.fromSeed(env.AGENT_SEED, adminNames(env.AGENT_ADMINS)));
  const canned = deps.canned ?? new MemoryCannedResponses();
  const tokens = new AgentTokens(env.AGENT_TOKEN_SECRET, env.AGENT_TOKEN_TTL_SECONDS, directory);
  const limiter = new LoginLimiter(
    { attempts: env.AGENT_LOGIN_ATTEMPTS, windowSeconds: env.AGENT_LOGIN_WINDOW_SECONDS },
    redis,
  );
  const toError = (error: Error): void => deps.onError(error, 'handoff queue');
  const bareQueue: HandoffQueue =
    redis === undefined
      ? new MemoryHandoffQueue()
      : new BullmqHandoffQueue({ client: redis.client, prefix: redis.prefix, onError: toError });
  const queue = deps.decorateQueue?.(bareQueue) ?? bareQueue;
  const presenceMs = env.AGENT_PRESENCE_TTL_SECONDS * 1000;
  const presence: AgentPresence =
    redis === undefined
      ? new MemoryAgentPresence(presenceMs)
      : new RedisAgentPresence(redis.client, redis.prefix, presenceMs);
  const namespace = new AgentNamespace(deps.io, {
    tokens,
    presence,
    heartbeatMs: Math.floor(presenceMs / 3),
    onError: deps.onError,
  });
  const fromEnv = envHandoffTimes(env);
  const times = deps.times ?? { current: () => fromEnv };
  const followUps = deps.followUps ?? new MemoryFollowUps();
  const { llm } = deps;
  const prompts = deps.prompts ?? new PromptLoader();
  const slaMinutes = liveSlaMinutes(times);
  const roster = new TeamRoster(directory, presence, queue, slaMinutes);
  const assigner =
    env.AUTO_ASSIGN === 'on'
      ? new AutoAssigner({
          members: () => roster.members(),
          waiting: () => queue.list(),
          claim: async (id, username) => {
            const outcome = await service.claim(
              id,
              { username, role: 'agent' },
              { capacityWhenUnset: env.AUTO_ASSIGN_CAPACITY },
            );
            if (outcome.ok) return 'assigned';
            return outcome.reason === 'at_capacity' ? 'at_capacity' : 'gone';
          },
          onError: deps.onError,
          capacityWhenUnset: env.AUTO_ASSIGN_CAPACITY,
        })
      : undefined;
  const service: HandoffService = new HandoffService({
    llm:
      llm === undefined
        ? undefined
        : {
            summarizer: await createSummarizer(llm, { loader: prompts }),
            abstracts: new LlmAbstractWriter(llm, prompts),
          },
    queue,
    tickets: deps.tickets,
    transcripts: deps.transcripts,
    delivery: deps.delivery,
    notifier: namespace,
    followUps,
    isAgent: (username) => directory.has(username),
    capacityOf: async (username) => (await directory.find(username))?.capacity,
    config: {
      // Getters: the service reads these at every use, so a published change applies at once.
      slaMinutes,
      get businessHours() {
        return times.current().businessHours;
      },
      graceSeconds: env.AGENT_GRACE_SECONDS,
      followUpHours: env.FOLLOW_UP_HOURS,
    },
    onError: deps.onError,
    team: {
      queued: (handoff) => assigner?.offer(handoff),
      claimed: (agent) => presence.touch(agent),
      freed: async (agent) => {
        // Idle longest counts from the last case closed or handed on, not only the last claim.
        await presence.touch(agent);
        assigner?.available(agent);
      },
    },
    ...(deps.understanding ? { understanding: deps.understanding } : {}),
    ...(deps.escalation ? { escalation: deps.escalation } : {}),
  });
  const marks = new CaseMarks(queue, namespace);
  const inbox = new Inbox({
    queue,
    groups: () => directory.groups(),
    followUps,
    slaMinutes,
  });
  // The customer's message first clears 等待客户回复, then is read into the case.
  const caseHooks = {
    customerWrote: async (handoff: Handoff, text: string, at: string): Promise<void> => {
      await marks.customerWrote(handoff, at);
      await service.customerWrote(handoff, text, at);
    },
    surveyAnswered: (handoff: Handoff, survey: Survey) => service.surveyAnswered(handoff, survey),
  };
  namespace.onTyping((agent, handoffId) => service.agentTyping(handoffId, agent));
  namespace.onPresence({
    connected: async (agent) => {
      await service.agentConnected(agent);
      // A first console starts 在线 (a reload keeps what was chosen): waiting cases may be theirs.
      assigner?.available(agent);
    },
    disconnected: (agent) => service.agentDisconnected(agent),
  });
  return {
    service,
    trigger: service,
    interceptor: new HandoffInterceptor(queue, namespace, deps.delivery, caseHooks, (error) =>
      deps.onError(error, 'live case update'),
    ),
    agentRouter: createAgentRouter({
      service,
      directory,
      tokens,
      limiter,
      canned,
      maxMessageChars: env.MAX_MESSAGE_CHARS,
      followUps: createFollowUpsRouter({
        followUps,
        timeZone: env.BUSINESS_TIME_ZONE,
        ...(deps.audit ? { audit: deps.audit } : {}),
      }),
      inbox: createInboxRouter({ inbox, marks }),
      team: createTeamRouter({
        service,
        roster,
        setAvailability: async (agent, availability) => {
          const set = await presence.setAvailability(agent, availability);
          if (set) namespace.toAll('team:availability', { agent, availability });
          if (set && availability === 'online') assigner?.available(agent);
          return set;
        },
        availabilityOf: (agent) => presence.availabilityOf(agent),
        ...(deps.audit ? { audit: deps.audit } : {}),
      }),
    }),
    followUps,
    canned,
    requireAgent: requireAgent(tokens),
    directory,
    tokens,
    endSessions: (username) => namespace.endSessions(username),
    close: async () => {
      namespace.stop();
      await assigner?.settled();
      await service.stop();
      await queue.shutdown();
    },
  };
}
