import { hash, verify } from '@node-rs/argon2';
import { AgentSeed, type AgentIdentity } from './agent.js';

/** A hash to verify against when the username is unknown, so a miss takes as long as a wrong password. */
const DECOY_PASSWORD = 'qingting-decoy-password';
/**
 * argon2id (the library's default algorithm) at OWASP's recommended floor (19 MiB, 2 passes,
 * 1 lane): sound for login, cheap at start-up.
 */
const HASH_OPTIONS = {
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * Agent accounts with argon2id-hashed passwords. Accounts come from configuration (AGENT_SEED) at
 * start-up, so every instance builds the same directory and no plaintext password is kept.
 */
export class AgentDirectory {
  private constructor(
    private readonly accounts: ReadonlyMap<string, { identity: AgentIdentity; hash: string }>,
  ) {}

  private decoyHash: Promise<string> | undefined;

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
        return [username, { identity, hash: await hash(password, HASH_OPTIONS) }] as const;
      }),
    );
    return new AgentDirectory(new Map(hashed));
  }

  /** The identity for a correct username and password; undefined otherwise. */
  async verify(username: string, password: string): Promise<AgentIdentity | undefined> {
    const account = this.accounts.get(username);
    this.decoyHash ??= hash(DECOY_PASSWORD, HASH_OPTIONS);
    const valid = await verify(account?.hash ?? (await this.decoyHash), password);
    return valid && account !== undefined ? account.identity : undefined;
  }

  has(username: string): boolean {
    return this.accounts.has(username);
  }

  list(): AgentIdentity[] {
    return [...this.accounts.values()].map((a) => a.identity);
  }
}
