import type { Namespace, Server } from 'socket.io';
import { z } from 'zod';
import type { AgentIdentity } from '../agents/agent.js';
import type { AgentTokens } from '../agents/agent-tokens.js';
import type { AgentNotifier, AgentServerEvents } from './agent-events.js';

type SocketData = { agent: AgentIdentity };
type AgentNs = Namespace<
  Record<string, never>,
  AgentServerEvents,
  Record<string, never>,
  SocketData
>;

const Handshake = z.object({ token: z.string().min(1).max(4096) });
const ALL_AGENTS = 'agents';
const roomOf = (agent: string): string => `agent:${agent}`;

export type PresenceHandlers = {
  connected(agent: string): Promise<void>;
  disconnected(agent: string): Promise<void>;
};

/**
 * socket.io namespace `/agent`: agents authenticate with their bearer token in `io.use`, join one
 * room of their own and the all-agents room, and receive queue and conversation events. Works
 * across instances through whatever adapter `io` has (the Redis adapter in Redis mode).
 */
export class AgentNamespace implements AgentNotifier {
  private readonly ns: AgentNs;
  private presence: PresenceHandlers | undefined;

  constructor(
    io: Server,
    tokens: AgentTokens,
    private readonly onError: (error: unknown, context: string) => void,
  ) {
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
      this.presence?.connected(username).catch((e: unknown) => this.onError(e, 'agent connected'));
      socket.on('disconnect', () => {
        this.presence
          ?.disconnected(username)
          .catch((e: unknown) => this.onError(e, 'agent disconnected'));
      });
    });
  }

  onPresence(handlers: PresenceHandlers): void {
    this.presence = handlers;
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

  async onlineAgents(): Promise<string[]> {
    const sockets = await this.ns.fetchSockets();
    return [...new Set(sockets.map((socket) => socket.data.agent.username))];
  }
}
