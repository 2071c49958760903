import type { Handoff } from './handoff.js';
import type { TeamMember } from './team.js';

/** What a claim on behalf of the picked agent came to. */
export type AssignAttempt = 'assigned' | 'at_capacity' | 'gone';

export type AutoAssignDeps = {
  /** The team as it is now (availability, load, capacity, groups). */
  members: () => Promise<TeamMember[]>;
  /** The service's own claim for the agent (atomic in the queue; checks capacity again). */
  claim: (handoffId: string, agent: string) => Promise<AssignAttempt>;
  onError: (error: unknown, context: string) => void;
};

/**
 * Who should get a case (issue 15 §4): agents `online` (not away or busy), under capacity, in the
 * case's group when it has one; the least loaded first, then the one idle longest, then by name so
 * every instance would order them alike. Everyone else is left out, so nobody eligible means [].
 */
export function candidatesFor(
  members: readonly TeamMember[],
  group: string | undefined,
): TeamMember[] {
  return members
    .filter((m) => m.availability === 'online')
    .filter((m) => m.capacity === undefined || m.load < m.capacity)
    .filter((m) => group === undefined || m.groups.includes(group))
    .sort(
      (a, b) =>
        a.load - b.load ||
        (a.idleSince ?? 0) - (b.idleSince ?? 0) ||
        a.username.localeCompare(b.username),
    );
}

/**
 * Automatic assignment (AUTO_ASSIGN=on): the instance that queued a case offers it once. The
 * decision is only a choice; the queue's atomic claim decides, so a manual claim or another
 * instance winning first simply ends the offer, and a case nobody can take stays queued.
 */
export class AutoAssigner {
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly deps: AutoAssignDeps) {}

  /** Starts the offer and returns at once; the caller never waits for it. */
  offer(handoff: Handoff): void {
    const offer = this.assign(handoff).catch((error: unknown) =>
      this.deps.onError(error, 'auto assign'),
    );
    this.running.add(offer);
    void offer.finally(() => this.running.delete(offer));
  }

  /** Assigns the queued case to the best candidate who can take it; their name, or undefined. */
  async assign(handoff: Pick<Handoff, 'id' | 'state' | 'group'>): Promise<string | undefined> {
    if (handoff.state !== 'queued') return undefined;
    for (const member of candidatesFor(await this.deps.members(), handoff.group)) {
      const attempt = await this.deps.claim(handoff.id, member.username);
      if (attempt === 'assigned') return member.username;
      // Someone else filled up meanwhile: the next candidate. Anything else: the case moved on.
      if (attempt === 'gone') return undefined;
    }
    return undefined;
  }

  /** Waits for offers under way (before the queue shuts down). */
  async settled(): Promise<void> {
    await Promise.all([...this.running]);
  }
}
