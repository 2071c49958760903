import type { AgentChanges, AgentGroup, AgentIdentity, AgentListing, NewAgent } from './agent.js';

/** An account as token checks see it: who, which role, and whether old tokens still count. */
export type AgentAccount = AgentIdentity & {
  /** A disabled account cannot log in and its tokens are refused at once. */
  disabled: boolean;
  /** Raised by every password reset and every disable; a token carries the version it was issued under. */
  tokenVersion: number;
  /** Most cases the agent may own at once; absent: no limit. */
  capacity?: number;
};

/**
 * Where agent accounts live (DESIGN §11). The seeded directory keeps them in process memory from
 * AGENT_SEED; the system of record implements the same port over PostgreSQL, so a disable or a
 * password reset on one instance holds on all of them.
 */
export interface AgentDirectory {
  /** The account for a correct username and password of an enabled account; undefined otherwise. */
  verify(username: string, password: string): Promise<AgentAccount | undefined>;
  /** The account by name, disabled or not; undefined when unknown. */
  find(username: string): Promise<AgentAccount | undefined>;
  /** Whether a transfer target names a known account. */
  has(username: string): Promise<boolean>;
  /** Every account by username, with its groups. */
  list(): Promise<AgentListing[]>;
  /** Adds an account (zod-checked, password hashed); false when the username is taken. */
  create(agent: NewAgent): Promise<boolean>;
  /** Changes display name, role, groups (missing groups are created) or capacity; false when unknown. */
  update(username: string, changes: AgentChanges): Promise<boolean>;
  /** Disables (raising the token version) or re-enables an account; false when unknown. */
  setDisabled(username: string, disabled: boolean): Promise<boolean>;
  /** Sets a new password and raises the token version, so every earlier token is refused. */
  resetPassword(username: string, password: string): Promise<boolean>;
  /** Every group by name, with its members. */
  groups(): Promise<AgentGroup[]>;
  /** Adds an empty group; false when the name is taken. */
  createGroup(name: string, displayName?: string): Promise<boolean>;
  /** Sets or clears a group's display name; false when unknown. */
  renameGroup(name: string, displayName: string | null): Promise<boolean>;
  /**
   * Gives a group a new name; its members and display name follow. `taken` when the new name
   * is another group's, `not_found` when there is no such group.
   */
  moveGroup(name: string, to: string): Promise<'moved' | 'not_found' | 'taken'>;
  /** Removes a group and its memberships (the accounts stay); false when unknown. */
  deleteGroup(name: string): Promise<boolean>;
}
