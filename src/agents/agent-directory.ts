import { hash, verify } from '@node-rs/argon2';
import { AgentSeed, MIN_PASSWORD_CHARS, type AgentIdentity } from './agent.js';
import type { AgentAccount, AgentDirectory } from './agent-directory.port.js';

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

type StoredAccount = { account: AgentAccount; hash: string };

/**
 * Agent accounts with argon2id-hashed passwords, seeded from configuration (AGENT_SEED) at
 * start-up, so every instance builds the same directory and no plaintext password is kept.
 * Disabling and resets live in this process only; shared ones need the PostgreSQL directory.
 */
export class SeededAgentDirectory implements AgentDirectory {
  private constructor(private readonly accounts: Map<string, StoredAccount>) {}

  private decoyHash: Promise<string> | undefined;

  /** Hashes the seeded passwords; names listed in `admins` get the admin role. */
  static async fromSeed(
    seed: string | undefined,
    admins: readonly string[],
  ): Promise<SeededAgentDirectory> {
    const entries = AgentSeed.parse(seed ?? '');
    const hashed = await Promise.all(
      entries.map(async ({ username, password }) => {
        const account: AgentAccount = {
          username,
          role: admins.includes(username) ? 'admin' : 'agent',
          disabled: false,
          tokenVersion: 0,
        };
        return [username, { account, hash: await hash(password, HASH_OPTIONS) }] as const;
      }),
    );
    return new SeededAgentDirectory(new Map(hashed));
  }

  async verify(username: string, password: string): Promise<AgentAccount | undefined> {
    const stored = this.accounts.get(username);
    this.decoyHash ??= hash(DECOY_PASSWORD, HASH_OPTIONS);
    const valid = await verify(stored?.hash ?? (await this.decoyHash), password);
    return valid && stored !== undefined && !stored.account.disabled
      ? { ...stored.account }
      : undefined;
  }

  find(username: string): Promise<AgentAccount | undefined> {
    const stored = this.accounts.get(username);
    return Promise.resolve(stored === undefined ? undefined : { ...stored.account });
  }

  has(username: string): boolean {
    return this.accounts.has(username);
  }

  list(): AgentIdentity[] {
    return [...this.accounts.values()].map(({ account: { username, role } }) => ({
      username,
      role,
    }));
  }

  setDisabled(username: string, disabled: boolean): Promise<boolean> {
    const stored = this.accounts.get(username);
    if (stored !== undefined) stored.account = { ...stored.account, disabled };
    return Promise.resolve(stored !== undefined);
  }

  async resetPassword(username: string, password: string): Promise<boolean> {
    if (password.length < MIN_PASSWORD_CHARS)
      throw new RangeError(`password shorter than ${MIN_PASSWORD_CHARS} characters`);
    const stored = this.accounts.get(username);
    if (stored === undefined) return false;
    stored.hash = await hash(password, HASH_OPTIONS);
    stored.account = { ...stored.account, tokenVersion: stored.account.tokenVersion + 1 };
    return true;
  }
}
