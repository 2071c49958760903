import type { Namespace, Server } from 'socket.io';
import { z } from 'zod';
import type { AgentIdentity } from '../agents/agent.js';
import type { AgentTokens } from '../agents/agent-tokens.js';
import type { AgentClientEvents, AgentNotifier, AgentServerEvents } from './agent-events.js';
import type { AgentPresence } from './agent-presence.port.js';

type SocketData = { agent: AgentIdentity };
type AgentNs = Namespace<AgentClientEvents, AgentServerEvents, Record<string, never>, SocketData>;

const Handshake = z.object({ token: z.string().min(1).max(4096) });
const Typing = z.object({ handoffId: z.uuid() });
/** An agent's typing is passed on at most this often per console. */
const TYPING_EVERY_MS = 1000;
const ALL_AGENTS = 'agents';
const roomOf = (agent: string): string => `agent:${agent}`;

export type PresenceHandlers = {
  connected(agent: string): Promise<void>;
  /** The agent has no live console left: a clean disconnect, or every lease lapsed. */
  disconnected(agent: string): Promise<void>;
};

export type AgentNamespaceOptions = {
  tokens: AgentTokens;
  presence: AgentPresence;
  /** How often this instance renews its consoles' leases and looks for lapsed agents. */
  heartbeatMs: number;
  onError: (error: unknown, context: string) => void;
};

/**
 * socket.io namespace `/agent`: agents authenticate with their bearer token in `io.use`, join one
 * room of their own and the all-agents room, and receive queue and conversation events. Works
 * across instances through whatever adapter `io` has (the Redis adapter in Redis mode). Presence is
 * a heartbeat lease in shared state, so an agent whose instance died lapses and is noticed by any
 * instance still running.
 */
export class AgentNamespace implements AgentNotifier {
  private readonly ns: AgentNs;
  private readonly presence: AgentPresence;
  private readonly onError: (error: unknown, context: string) => void;
  private handlers: PresenceHandlers | undefined;
  private typingHandler: ((agent: AgentIdentity, handoffId: string) => Promise<void>) | undefined;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(io: Server, options: AgentNamespaceOptions) {
    const { tokens } = options;
    this.presence = options.presence;
    this.onError = options.onError;
    this.ns = io.of('/agent') as AgentNs;
    this.ns.use((socket, next) => {
      const handshake = Handshake.safeParse(socket.handshake.auth);
      if (!handshake.success) return next(new Error('unauthorized'));
      tokens.verify(handshake.data.token).then(
        (identity) => {
          if (identity === undefined) return next(new Error('unauthorized'));
          socket.data.agent = identity;
          next();
        },
        () => next(new Error('unauthorized')),
      );
    });
    this.ns.on('connection', (socket) => {
      const { username } = socket.data.agent;
      void socket.join([ALL_AGENTS, roomOf(username)]);
      this.presence
        .beat(username, socket.id)
        .then(() => this.handlers?.connected(username))
        .catch((e: unknown) => this.onError(e, 'agent connected'));
      let typedAt = 0;
      socket.on('typing', (payload: unknown) => {
        const typing = Typing.safeParse(payload);
        if (!typing.success || Date.now() - typedAt < TYPING_EVERY_MS) return;
        typedAt = Date.now();
        this.typingHandler?.(socket.data.agent, typing.data.handoffId).catch((e: unknown) =>
          this.onError(e, 'agent typing'),
        );
      });
      socket.on('disconnect', () => {
        this.presence
          .leave(username, socket.id)
          .then((stillOnline) => (stillOnline ? undefined : this.handlers?.disconnected(username)))
          .catch((e: unknown) => this.onError(e, 'agent disconnected'));
      });
    });
    this.heartbeat = setInterval(() => {
      this.tick().catch((e: unknown) => this.onError(e, 'agent presence'));
    }, options.heartbeatMs);
    this.heartbeat.unref();
  }

  onPresence(handlers: PresenceHandlers): void {
    this.handlers = handlers;
  }

  /** Where an agent's typing goes (the handoff service checks they own the case). */
  onTyping(handler: (agent: AgentIdentity, handoffId: string) => Promise<void>): void {
    this.typingHandler = handler;
  }

  toAll<E extends keyof AgentServerEvents>(
    event: E,
    ...args: Parameters<AgentServerEvents[E]>
  ): void {
    this.ns.to(ALL_AGENTS).emit(event, ...args);
  }

  toAgent<E extends keyof AgentServerEvents>(
    agent: string,
    event: E,
    ...args: Parameters<AgentServerEvents[E]>
  ): void {
    this.ns.to(roomOf(agent)).emit(event, ...args);
  }

  /** Closes every console of the agent, on every instance (through the adapter). */
  endSessions(agent: string): void {
    this.ns.in(roomOf(agent)).disconnectSockets(true);
  }

  onlineAgents(): Promise<string[]> {
    return this.presence.online();
  }

  stop(): void {
    clearInterval(this.heartbeat);
  }

  /** Renews the leases of this instance's consoles, then hands lapsed agents to the grace period. */
  private async tick(): Promise<void> {
    // Only sockets on this instance: each instance renews its own consoles.
    for (const socket of this.ns.sockets.values())
      await this.presence.beat(socket.data.agent.username, socket.id);
    for (const agent of await this.presence.lapsed()) await this.handlers?.disconnected(agent);
  }
}
