import type { Handoff } from './handoff.js';
import type { TeamMember } from './team.js';

/** What a claim on behalf of the picked agent came to. */
export type AssignAttempt = 'assigned' | 'at_capacity' | 'gone';

export type AutoAssignDeps = {
  /** The team as it is now (availability, load, capacity, groups). */
  members: () => Promise<TeamMember[]>;
  /** Cases waiting in the queue, most urgent first. */
  waiting: () => Promise<Handoff[]>;
  /** The service's own claim for the agent (atomic in the queue; checks capacity again). */
  claim: (handoffId: string, agent: string) => Promise<AssignAttempt>;
  onError: (error: unknown, context: string) => void;
  /** The most cases it gives an agent whose account sets no capacity (AUTO_ASSIGN_CAPACITY). */
  capacityWhenUnset: number;
};

/**
 * Who should get a case (issue 15 §4): agents `online` (not away or busy), under capacity, in the
 * case's group when it has one; the least loaded first, then the one idle longest, then by name so
 * every instance would order them alike. Everyone else is left out, so nobody eligible means [].
 */
export function candidatesFor(
  members: readonly TeamMember[],
  group: string | undefined,
  capacityWhenUnset = Infinity,
): TeamMember[] {
  return members
    .filter((m) => m.availability === 'online')
    .filter((m) => m.load < (m.capacity ?? capacityWhenUnset))
    .filter((m) => group === undefined || m.groups.includes(group))
    .sort(
      (a, b) =>
        a.load - b.load ||
        (a.idleSince ?? 0) - (b.idleSince ?? 0) ||
        a.username.localeCompare(b.username),
    );
}

/**
 * Automatic assignment (AUTO_ASSIGN=on), from both ends: the instance that queued a case offers it
 * once, and an agent who can take more (back 在线, or a case closed or handed on) pulls waiting
 * cases. Both are only choices; the queue's atomic claim (capacity included) decides, so a manual
 * claim or another instance winning first simply skips that case, and an agent never goes over
 * capacity however many instances react to the same event.
 */
export class AutoAssigner {
  private readonly running = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(private readonly deps: AutoAssignDeps) {}

  /** Starts the offer and returns at once; the caller never waits for it. */
  offer(handoff: Handoff): void {
    this.run(() => this.assign(handoff));
  }

  /** The agent may take cases now: starts `pull` and returns at once. */
  available(agent: string): void {
    this.run(() => this.pull(agent));
  }

  /**
   * Gives the agent waiting cases, most urgent first, as many as their capacity allows
   * (`capacityWhenUnset` when their account sets none), skipping cases of groups they are not in. Only
   * for an `online` agent. The cases they got, in order.
   */
  async pull(agent: string): Promise<string[]> {
    const me = (await this.deps.members()).find((m) => m.username === agent);
    if (me?.availability !== 'online') return [];
    let room = (me.capacity ?? this.deps.capacityWhenUnset) - me.load;
    const got: string[] = [];
    for (const handoff of await this.deps.waiting()) {
      if (room <= 0) break;
      if (handoff.group !== undefined && !me.groups.includes(handoff.group)) continue;
      const attempt = await this.deps.claim(handoff.id, agent);
      // Full already (another instance gave them one meanwhile): stop. Gone: the next case.
      if (attempt === 'at_capacity') break;
      if (attempt === 'assigned') {
        got.push(handoff.id);
        room--;
      }
    }
    return got;
  }

  /** Assigns the queued case to the best candidate who can take it; their name, or undefined. */
  async assign(handoff: Pick<Handoff, 'id' | 'state' | 'group'>): Promise<string | undefined> {
    if (handoff.state !== 'queued') return undefined;
    const members = await this.deps.members();
    for (const member of candidatesFor(members, handoff.group, this.deps.capacityWhenUnset)) {
      const attempt = await this.deps.claim(handoff.id, member.username);
      if (attempt === 'assigned') return member.username;
      // Someone else filled up meanwhile: the next candidate. Anything else: the case moved on.
      if (attempt === 'gone') return undefined;
    }
    return undefined;
  }

  /**
   * Takes no more work and waits for offers and pulls under way, including any they started,
   * so nothing claims on a queue that is shutting down.
   */
  async settled(): Promise<void> {
    this.stopped = true;
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  private run(work: () => Promise<unknown>): void {
    if (this.stopped) return;
    const running = work().catch((error: unknown) => this.deps.onError(error, 'auto assign'));
    this.running.add(running);
    void running.finally(() => this.running.delete(running));
  }
}
