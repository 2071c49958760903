import {
  AgentChanges,
  AgentSeed,
  GroupName,
  NewAgent,
  type AgentGroup,
  type AgentListing,
} from './agent.js';
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
  /** Every group by name, with its display name. */
  private readonly groupNames = new Map<string, string | undefined>();

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
      ({ account: { username, role, disabled, capacity }, displayName, groups }) => ({
        username,
        role,
        disabled,
        groups: [...groups].sort(),
        ...(displayName === undefined ? {} : { displayName }),
        ...(capacity === undefined ? {} : { capacity }),
      }),
    );
    return Promise.resolve(listed.sort((a, b) => a.username.localeCompare(b.username)));
  }

  async create(agent: NewAgent): Promise<boolean> {
    const { username, password, role, displayName, groups, capacity } = NewAgent.parse(agent);
    if (this.accounts.has(username)) return false;
    const hash = await hashPassword(password);
    // Checked again: another create of the same name may have finished while this one hashed.
    if (this.accounts.has(username)) return false;
    this.accounts.set(username, {
      account: {
        username,
        role,
        disabled: false,
        tokenVersion: 0,
        ...(capacity === undefined ? {} : { capacity }),
      },
      hash,
      groups: this.joined(groups),
      ...(displayName === undefined ? {} : { displayName }),
    });
    return true;
  }

  update(username: string, changes: AgentChanges): Promise<boolean> {
    const parsed = AgentChanges.safeParse(changes);
    if (!parsed.success) return Promise.reject(parsed.error);
    const { displayName, role, groups, capacity } = parsed.data;
    const stored = this.accounts.get(username);
    if (stored === undefined) return Promise.resolve(false);
    const account = { ...stored.account, ...(role === undefined ? {} : { role }) };
    if (capacity === null) delete account.capacity;
    else if (capacity !== undefined) account.capacity = capacity;
    stored.account = account;
    if (groups !== undefined) stored.groups = this.joined(groups);
    if (displayName === null) delete stored.displayName;
    else if (displayName !== undefined) stored.displayName = displayName;
    return Promise.resolve(true);
  }

  setDisabled(username: string, disabled: boolean): Promise<boolean> {
    const stored = this.accounts.get(username);
    if (stored !== undefined) {
      const { tokenVersion } = stored.account;
      stored.account = {
        ...stored.account,
        disabled,
        tokenVersion: disabled ? tokenVersion + 1 : tokenVersion,
      };
    }
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

  groups(): Promise<AgentGroup[]> {
    const members = (name: string) =>
      [...this.accounts.values()]
        .filter((stored) => stored.groups.includes(name))
        .map((stored) => stored.account.username)
        .sort();
    const groups = [...this.groupNames.entries()].map(([name, displayName]) => ({
      name,
      members: members(name),
      ...(displayName === undefined ? {} : { displayName }),
    }));
    return Promise.resolve(groups.sort((a, b) => a.name.localeCompare(b.name)));
  }

  createGroup(name: string, displayName?: string): Promise<boolean> {
    GroupName.parse(name);
    if (this.groupNames.has(name)) return Promise.resolve(false);
    this.groupNames.set(name, displayName);
    return Promise.resolve(true);
  }

  renameGroup(name: string, displayName: string | null): Promise<boolean> {
    if (!this.groupNames.has(name)) return Promise.resolve(false);
    this.groupNames.set(name, displayName ?? undefined);
    return Promise.resolve(true);
  }

  moveGroup(name: string, to: string): Promise<'moved' | 'not_found' | 'taken'> {
    GroupName.parse(to);
    if (!this.groupNames.has(name)) return Promise.resolve('not_found');
    if (name === to) return Promise.resolve('moved');
    if (this.groupNames.has(to)) return Promise.resolve('taken');
    this.groupNames.set(to, this.groupNames.get(name));
    this.groupNames.delete(name);
    for (const stored of this.accounts.values())
      stored.groups = stored.groups.map((group) => (group === name ? to : group));
    return Promise.resolve('moved');
  }

  deleteGroup(name: string): Promise<boolean> {
    if (!this.groupNames.delete(name)) return Promise.resolve(false);
    for (const stored of this.accounts.values())
      stored.groups = stored.groups.filter((group) => group !== name);
    return Promise.resolve(true);
  }

  /** The distinct groups of an account, each created when new. */
  private joined(groups: readonly string[]): string[] {
    const distinct = [...new Set(groups)];
    for (const name of distinct)
      if (!this.groupNames.has(name)) this.groupNames.set(name, undefined);
    return distinct;
  }
}
