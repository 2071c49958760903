import type { AgentPresence } from './agent-presence.port.js';
import type { AgentStatus, Availability } from './availability.js';

type Kept = { availability: Availability; since: number; until: number };

/** Embedded-mode presence: the same leases as the Redis twin, in one process. */
export class MemoryAgentPresence implements AgentPresence {
  private readonly consoles = new Map<string, Map<string, number>>();
  /** Availability per agent; outlives the last console by twice the lease (a reload keeps it). */
  private readonly kept = new Map<string, Kept>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  beat(agent: string, connectionId: string): Promise<void> {
    const now = this.now();
    const leases = this.consoles.get(agent) ?? new Map<string, number>();
    leases.set(connectionId, now + this.ttlMs);
    this.consoles.set(agent, leases);
    const kept = this.keptOf(agent);
    this.kept.set(agent, {
      ...(kept ?? { availability: 'online', since: now }),
      until: now + 2 * this.ttlMs,
    });
    return Promise.resolve();
  }

  leave(agent: string, connectionId: string): Promise<boolean> {
    const leases = this.consoles.get(agent);
    leases?.delete(connectionId);
    const live = this.live(agent);
    if (!live) this.consoles.delete(agent);
    return Promise.resolve(live);
  }

  online(): Promise<string[]> {
    return Promise.resolve([...this.consoles.keys()].filter((agent) => this.live(agent)));
  }

  lapsed(): Promise<string[]> {
    const gone = [...this.consoles.keys()].filter((agent) => !this.live(agent));
    for (const agent of gone) this.consoles.delete(agent);
    return Promise.resolve(gone);
  }

  setAvailability(agent: string, availability: Availability): Promise<boolean> {
    if (!this.live(agent)) return Promise.resolve(false);
    const now = this.now();
    const kept = this.keptOf(agent);
    const since = kept?.availability === availability ? kept.since : now;
    this.kept.set(agent, { availability, since, until: now + 2 * this.ttlMs });
    return Promise.resolve(true);
  }

  availabilityOf(agent: string): Promise<Availability | undefined> {
    return Promise.resolve(this.keptOf(agent)?.availability);
  }

  async statuses(): Promise<AgentStatus[]> {
    const now = this.now();
    return (await this.online()).sort().map((agent) => {
      const kept = this.keptOf(agent);
      return { agent, availability: kept?.availability ?? 'online', since: kept?.since ?? now };
    });
  }

  touch(agent: string): Promise<void> {
    const kept = this.keptOf(agent);
    if (kept !== undefined) this.kept.set(agent, { ...kept, since: this.now() });
    return Promise.resolve();
  }

  private keptOf(agent: string): Kept | undefined {
    const kept = this.kept.get(agent);
    if (kept !== undefined && kept.until > this.now()) return kept;
    this.kept.delete(agent);
    return undefined;
  }

  private live(agent: string): boolean {
    const now = this.now();
    return [...(this.consoles.get(agent)?.values() ?? [])].some((until) => until > now);
  }
}
