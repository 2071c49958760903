import type { AgentDirectory } from '../agents/agent-directory.port.js';
import type { AgentPresence } from './agent-presence.port.js';
import type { HandoffQueue } from './handoff-queue.port.js';
import { queueItemOf } from './priority.js';
import type { SupervisedCase, TeamGroup, TeamMember } from './team.js';

/**
 * Who is on the team right now: accounts from the directory, availability from the shared presence,
 * load from the queue. Read fresh on every call (no cache), so every instance answers the same.
 */
export class TeamRoster {
  constructor(
    private readonly directory: AgentDirectory,
    private readonly presence: AgentPresence,
    private readonly queue: HandoffQueue,
  ) {}

  /** Every enabled account, by username. */
  async members(): Promise<TeamMember[]> {
    const [accounts, statuses] = await Promise.all([
      this.directory.list(),
      this.presence.statuses(),
    ]);
    const live = new Map(statuses.map((status) => [status.agent, status]));
    const enabled = accounts.filter((account) => !account.disabled);
    return Promise.all(
      enabled.map(async ({ username, displayName, capacity, groups }) => {
        const status = live.get(username);
        return {
          username,
          ...(displayName === undefined ? {} : { displayName }),
          availability: status?.availability ?? 'offline',
          ...(status === undefined ? {} : { idleSince: status.since }),
          load: (await this.queue.assignedTo(username)).length,
          ...(capacity === undefined ? {} : { capacity }),
          groups,
        };
      }),
    );
  }

  async groups(): Promise<TeamGroup[]> {
    return (await this.directory.groups()).map(({ name, displayName }) =>
      displayName === undefined ? { name } : { name, displayName },
    );
  }

  /** Every assigned case with its owner, most urgent first. */
  async assignedCases(now: Date): Promise<SupervisedCase[]> {
    const owners = (await this.directory.list()).map((account) => account.username);
    const cases = await Promise.all(
      owners.map(async (agent) =>
        (await this.queue.assignedTo(agent)).map((h) => ({ ...queueItemOf(h, now), agent })),
      ),
    );
    return cases.flat().sort((a, b) => b.priority - a.priority);
  }
}
