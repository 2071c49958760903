import { AgentSeed, NewAgent, type AgentListing } from './agent.js';
import type { AgentAccount, AgentDirectory } from './agent-directory.port.js';
import { hashPassword, passwordMatches } from './passwords.js';

/** AGENT_ADMINS (`name[,name]`) as a list of usernames. */
export function adminNames(csv: string): string[] {
  return csv
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

type StoredAccount = {
  account: AgentAccount;
  hash: string;
  displayName?: string;
  groups: string[];
};

/** The accounts AGENT_SEED names; names listed in `admins` get the admin role. */
export function seededAgents(seed: string | undefined, admins: readonly string[]): NewAgent[] {
  return AgentSeed.parse(seed ?? '').map(({ username, password }) => ({
    username,
    password,
    role: admins.includes(username) ? 'admin' : 'agent',
  }));
}

/**
 * Agent accounts with argon2id-hashed passwords in process memory, seeded from configuration
 * (AGENT_SEED) at start-up, so every instance builds the same directory and no plaintext password
 * is kept. Changes live in this process only (RECORDS=none); shared ones need the PostgreSQL
 * directory.
 */
export class SeededAgentDirectory implements AgentDirectory {
  private readonly accounts = new Map<string, StoredAccount>();

  /** Hashes the seeded passwords; names listed in `admins` get the admin role. */
  static async fromSeed(
    seed: string | undefined,
    admins: readonly string[],
  ): Promise<SeededAgentDirectory> {
    const directory = new SeededAgentDirectory();
    await Promise.all(seededAgents(seed, admins).map((agent) => directory.create(agent)));
    return directory;
  }

  async verify(username: string, password: string): Promise<AgentAccount | undefined> {
    const stored = this.accounts.get(username);
    const valid = await passwordMatches(stored?.hash, password);
    return valid && stored !== undefined && !stored.account.disabled
      ? { ...stored.account }
      : undefined;
  }

  find(username: string): Promise<AgentAccount | undefined> {
    const stored = this.accounts.get(username);
    return Promise.resolve(stored === undefined ? undefined : { ...stored.account });
  }

  has(username: string): Promise<boolean> {
    return Promise.resolve(this.accounts.has(username));
  }

  list(): Promise<AgentListing[]> {
    const listed = [...this.accounts.values()].map(
      ({ account: { username, role, disabled }, displayName, groups }) => ({
        username,
        role,
        disabled,
        groups: [...groups].sort(),
        ...(displayName === undefined ? {} : { displayName }),
      }),
    );
    return Promise.resolve(listed.sort((a, b) => a.username.localeCompare(b.username)));
  }

  async create(agent: NewAgent): Promise<boolean> {
    const { username, password, role, displayName, groups } = NewAgent.parse(agent);
    if (this.accounts.has(username)) return false;
    const hash = await hashPassword(password);
    // Checked again: another create of the same name may have finished while this one hashed.
    if (this.accounts.has(username)) return false;
    this.accounts.set(username, {
      account: { username, role, disabled: false, tokenVersion: 0 },
      hash,
      groups: [...new Set(groups)],
      ...(displayName === undefined ? {} : { displayName }),
    });
    return true;
  }

  setDisabled(username: string, disabled: boolean): Promise<boolean> {
    const stored = this.accounts.get(username);
    if (stored !== undefined) stored.account = { ...stored.account, disabled };
    return Promise.resolve(stored !== undefined);
  }

  async resetPassword(username: string, password: string): Promise<boolean> {
    const hash = await hashPassword(password);
    const stored = this.accounts.get(username);
    if (stored === undefined) return false;
    stored.hash = hash;
    stored.account = { ...stored.account, tokenVersion: stored.account.tokenVersion + 1 };
    return true;
  }
}
