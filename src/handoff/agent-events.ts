import { z } from 'zod';
import { Message } from '../domain/message.js';
import type { Availability } from './availability.js';
import { HandoffNote, HandoffState, Survey, type Handoff } from './handoff.js';
import { HandoffSummary } from './summary/summary.schema.js';

/** One row of `GET /api/agent/queue` and of the live queue (DESIGN §6); the console parses it. */
export const QueueItem = z.object({
  id: z.string(),
  ticketId: z.string(),
  priority: z.number(),
  waitingSeconds: z.number(),
  group: z.string().optional(),
  summary: HandoffSummary,
});
export type QueueItem = z.infer<typeof QueueItem>;

/** `GET /api/agent/handoffs/:id`: the case with its live transcript and internal notes. */
export const HandoffDetail = z.object({
  id: z.string(),
  state: HandoffState,
  agent: z.string().optional(),
  group: z.string().optional(),
  summary: HandoffSummary,
  transcript: z.array(Message),
  notes: z.array(HandoffNote),
  survey: Survey.optional(),
  labels: z.array(z.string()).default([]),
  waiting: z.literal('customer').optional(),
});
export type HandoffDetail = z.infer<typeof HandoffDetail>;

export type HandoffAlert = {
  id: string;
  ticketId: string;
  kind: 'sla_breach' | 'follow_up' | 'requeued';
};

/** Server → agent events on socket.io `/agent`, shared by the namespace and the console. */
export interface AgentServerEvents {
  /** A case entered (or re-entered) the queue. */
  'queue:added': (item: QueueItem) => void;
  /** A case left the queue (claimed or closed). */
  'queue:removed': (event: { id: string }) => void;
  /** A case is now yours (claim or transfer). */
  'handoff:assigned': (event: { handoff: Pick<Handoff, 'id' | 'ticketId' | 'agent'> }) => void;
  /** A case you owned went to someone else or back to the queue. */
  'handoff:released': (event: { id: string }) => void;
  'handoff:closed': (event: { id: string }) => void;
  /** The customer wrote while the case is queued (all agents) or assigned (its owner). */
  'customer:message': (event: {
    handoffId: string;
    conversationId: string;
    message: Message;
  }) => void;
  'handoff:alert': (alert: HandoffAlert) => void;
  /** The customer of a case you own is typing. */
  'customer:typing': (event: { handoffId: string }) => void;
  /** A case's labels or its waiting-on-the-customer mark changed (every agent: inbox rows show them). */
  'handoff:marked': (event: { id: string; labels: string[]; waiting?: 'customer' }) => void;
  /** The case's summary changed from what the customer wrote while waiting or talking (issue 11 §8). */
  'handoff:updated': (event: { id: string; changed: string[]; summary: HandoffSummary }) => void;
  /** An agent changed their availability (online / away / busy) on some console. */
  'team:availability': (event: { agent: string; availability: Availability }) => void;
}

/** Agent → server events on socket.io `/agent`. */
export interface AgentClientEvents {
  /** The agent is typing a reply in a case they own: the customer's widget shows it. */
  typing: (event: { handoffId: string }) => void;
}

/** Where the handoff service sends agent events; the socket.io namespace implements it. */
export interface AgentNotifier {
  toAll<E extends keyof AgentServerEvents>(
    event: E,
    ...args: Parameters<AgentServerEvents[E]>
  ): void;
  toAgent<E extends keyof AgentServerEvents>(
    agent: string,
    event: E,
    ...args: Parameters<AgentServerEvents[E]>
  ): void;
  /** Usernames with at least one connected console, across instances. */
  onlineAgents(): Promise<string[]>;
}
