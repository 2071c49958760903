import type { AgentStatus, Availability } from './availability.js';

/**
 * Which agents have a live console (DESIGN §11), shared by every instance: each console renews a
 * lease by heartbeat, so an agent whose instance died without a word simply lapses. The handoff
 * service then starts the grace period that requeues their cases, on whichever instance is alive.
 *
 * Each agent also has an availability (online / away / busy). Their first console starts it
 * `online`; it outlives a console by twice the lease, so a page reload keeps what they chose.
 */
export interface AgentPresence {
  /** A console connected or is still alive: its lease now runs `ttlMs` from now. */
  beat(agent: string, connectionId: string): Promise<void>;
  /** A console closed; true when the agent still has another live one. */
  leave(agent: string, connectionId: string): Promise<boolean>;
  /** Agents with at least one live console. */
  online(): Promise<string[]>;
  /** Agents whose every console lapsed since the last call — each one reported to one caller only. */
  lapsed(): Promise<string[]>;
  /** Sets the agent's availability; false (and nothing kept) when they have no live console. */
  setAvailability(agent: string, availability: Availability): Promise<boolean>;
  /** The availability kept for the agent (live, or within a reload's window); undefined: none. */
  availabilityOf(agent: string): Promise<Availability | undefined>;
  /** Every agent with a live console, with their availability, sorted by name. */
  statuses(): Promise<AgentStatus[]>;
  /** The agent just got a case: the time they count as idle starts again. */
  touch(agent: string): Promise<void>;
}
