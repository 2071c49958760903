import { once } from 'node:events';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { RedisClientType } from 'redis';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import type { CustomerDelivery, HandoffStatus } from '../../src/channels/customer-delivery.port.js';
import { loadEnv } from '../../src/config/env.js';
import type { Message, MessageMeta } from '../../src/domain/message.js';
import type { TicketDraft } from '../../src/domain/ticket.js';
import type { AgentClientEvents, AgentServerEvents } from '../../src/handoff/agent-events.js';
import { createHandoff, type HandoffSubsystem } from '../../src/handoff/create-handoff.js';
import type { TranscriptStore } from '../../src/storage/transcript.port.js';
import { MemoryTicketStore } from '../../src/tickets/memory.ticket-store.js';
import type { TicketStore } from '../../src/tickets/ticket-store.port.js';
import type { FollowUps } from '../../src/handoff/follow-ups.port.js';
import type { StaffAction } from '../../src/handoff/follow-ups.router.js';
import { createLlmClient } from '../../src/llm/create-llm-client.js';

/** A customer channel that records what the handoff subsystem sends, appending to the transcript like the real ones. */
export class RecordingDelivery implements CustomerDelivery, TranscriptStore {
  readonly statuses: Array<{ conversationId: string; status: HandoffStatus }> = [];
  private readonly lines = new Map<string, Message[]>();
  private sequence = 0;

  send(
    conversationId: string,
    message: { from: 'bot' | 'agent' | 'system'; text: string; meta?: MessageMeta },
  ): Promise<Message> {
    const line: Message = { id: `m${++this.sequence}`, at: new Date().toISOString(), ...message };
    return this.append(conversationId, line).then(() => line);
  }

  notifyHandoff(conversationId: string, status: HandoffStatus): Promise<void> {
    this.statuses.push({ conversationId, status });
    return Promise.resolve();
  }

  append(conversationId: string, message: Message): Promise<void> {
    const lines = this.lines.get(conversationId) ?? [];
    if (!lines.some((m) => m.id === message.id))
      lines.push(JSON.parse(JSON.stringify(message)) as Message);
    this.lines.set(conversationId, lines);
    return Promise.resolve();
  }

  list(conversationId: string): Promise<Message[]> {
    return Promise.resolve([...(this.lines.get(conversationId) ?? [])]);
  }
}

export type Harness = {
  url: string;
  handoff: HandoffSubsystem;
  tickets: TicketStore;
  delivery: RecordingDelivery;
  close(): Promise<void>;
};

/** The handoff subsystem on a real HTTP server and socket.io, with in-memory tickets and a recording channel. */
export async function startHarness(
  overrides: Record<string, string> = {},
  redis?: { client: RedisClientType; prefix: string },
  /** The system of record's stores instead of memory ones (tickets, 回访, audit). */
  records?: {
    tickets: TicketStore;
    followUps: FollowUps;
    audit: (action: StaffAction) => Promise<void>;
  },
): Promise<Harness> {
  const env = loadEnv({
    AGENT_SEED: 'amy:secret-amy,bob:secret-bob,root:secret-root',
    AGENT_ADMINS: 'root',
    ...overrides,
  });
  const app = express();
  const httpServer: HttpServer = createServer(app);
  const io = new Server(httpServer);
  const tickets = records?.tickets ?? new MemoryTicketStore();
  const delivery = new RecordingDelivery();
  const handoff = await createHandoff({
    env,
    llm: createLlmClient(env),
    io,
    tickets,
    transcripts: delivery,
    delivery,
    redis,
    ...(records ? { followUps: records.followUps, audit: records.audit } : {}),
    onError: (error) => {
      throw error;
    },
  });
  app.use('/api/agent', handoff.agentRouter);
  httpServer.listen(0, '127.0.0.1');
  await once(httpServer, 'listening');
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    handoff,
    tickets,
    delivery,
    close: async () => {
      await handoff.close();
      await io.close();
    },
  };
}

export function draft(conversationId: string, patch: Partial<TicketDraft> = {}): TicketDraft {
  return {
    conversationId,
    channel: 'web',
    lang: 'zh',
    category: 'billing',
    nature: 'effective',
    severity: 'P2',
    flags: [],
    slots: {},
    unknownSlots: [],
    missingSlots: [],
    emotions: [{ emotion: 'angry', intensity: 0.9, at: new Date().toISOString() }],
    createdAt: new Date().toISOString(),
    ...patch,
  };
}

export async function api(
  url: string,
  path: string,
  options: { token?: string; body?: unknown; method?: string } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/api/agent${path}`, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers: {
      'content-type': 'application/json',
      ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export async function login(url: string, username: string): Promise<string> {
  const { status, body } = await api(url, '/login', {
    body: { username, password: `secret-${username}` },
  });
  if (status !== 200 || typeof body['token'] !== 'string')
    throw new Error(`login ${username}: ${status}`);
  return body['token'];
}

export type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;

export async function agentSocket(url: string, token: string): Promise<AgentSocket> {
  const socket: AgentSocket = connect(`${url}/agent`, {
    auth: { token },
    transports: ['websocket'],
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}
