import type { AgentPresence } from './agent-presence.port.js';

/** Embedded-mode presence: the same leases as the Redis twin, in one process. */
export class MemoryAgentPresence implements AgentPresence {
  private readonly consoles = new Map<string, Map<string, number>>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  beat(agent: string, connectionId: string): Promise<void> {
    const leases = this.consoles.get(agent) ?? new Map<string, number>();
    leases.set(connectionId, this.now() + this.ttlMs);
    this.consoles.set(agent, leases);
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

  private live(agent: string): boolean {
    const now = this.now();
    return [...(this.consoles.get(agent)?.values() ?? [])].some((until) => until > now);
  }
}
