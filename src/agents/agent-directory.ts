import argon2 from 'argon2';
import { AgentSeed, type AgentIdentity } from './agent.js';

/** A hash to verify against when the username is unknown, so a miss takes as long as a wrong password. */
const DECOY_PASSWORD = 'qingting-decoy-password';

/**
 * Agent accounts with argon2id-hashed passwords. Accounts come from configuration (AGENT_SEED) at
 * start-up, so every instance builds the same directory and no plaintext password is kept.
 */
export class AgentDirectory {
  private constructor(
    private readonly accounts: ReadonlyMap<string, { identity: AgentIdentity; hash: string }>,
    private readonly decoyHash: string,
  ) {}

  /** Hashes the seeded passwords; names listed in `admins` get the admin role. */
  static async fromSeed(
    seed: string | undefined,
    admins: readonly string[],
  ): Promise<AgentDirectory> {
    const entries = AgentSeed.parse(seed ?? '');
    const hashed = await Promise.all(
      entries.map(async ({ username, password }) => {
        const identity: AgentIdentity = {
          username,
          role: admins.includes(username) ? 'admin' : 'agent',
        };
        return [username, { identity, hash: await argon2.hash(password) }] as const;
      }),
    );
    return new AgentDirectory(new Map(hashed), await argon2.hash(DECOY_PASSWORD));
  }

  /** The identity for a correct username and password; undefined otherwise. */
  async verify(username: string, password: string): Promise<AgentIdentity | undefined> {
    const account = this.accounts.get(username);
    const valid = await argon2.verify(account?.hash ?? this.decoyHash, password);
    return valid && account !== undefined ? account.identity : undefined;
  }

  has(username: string): boolean {
    return this.accounts.has(username);
  }

  list(): AgentIdentity[] {
    return [...this.accounts.values()].map((a) => a.identity);
  }
}
