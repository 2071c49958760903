import { sql } from 'kysely';
import type { AgentAccount, AgentDirectory } from '../agents/agent-directory.port.js';
import {
  AgentChanges,
  AgentGroup,
  AgentListing,
  AgentRole,
  GroupName,
  NewAgent,
} from '../agents/agent.js';
import { hashPassword, passwordMatches } from '../agents/passwords.js';
import type { RecordsDb } from './database.js';

type Executor = Pick<RecordsDb, 'insertInto' | 'deleteFrom'>;

/**
 * Agent accounts and groups in PostgreSQL (`agents`, `agent_groups`, `agent_group_members`), so a
 * disable, a reset (its token version) or a new account holds on every instance at once and
 * survives a restart. AGENT_SEED only seeds an empty table: once staff exist, the database is the
 * truth and a changed seed changes nothing.
 */
export class PgAgentDirectory implements AgentDirectory {
  private constructor(private readonly db: RecordsDb) {}

  /** Opens the directory, seeding it with `seed` when no account exists yet. */
  static async open(db: RecordsDb, seed: readonly NewAgent[]): Promise<PgAgentDirectory> {
    const directory = new PgAgentDirectory(db);
    if (seed.length > 0 && (await directory.isEmpty())) await directory.seed(seed);
    return directory;
  }

  async verify(username: string, password: string): Promise<AgentAccount | undefined> {
    const row = await this.db
      .selectFrom('agents')
      .select(['username', 'role', 'disabled', 'token_version', 'capacity', 'password_hash'])
      .where('username', '=', username)
      .executeTakeFirst();
    const valid = await passwordMatches(row?.password_hash, password);
    return valid && row !== undefined && !row.disabled ? accountOf(row) : undefined;
  }

  async find(username: string): Promise<AgentAccount | undefined> {
    const row = await this.db
      .selectFrom('agents')
      .select(['username', 'role', 'disabled', 'token_version', 'capacity'])
      .where('username', '=', username)
      .executeTakeFirst();
    return row === undefined ? undefined : accountOf(row);
  }

  async has(username: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('agents')
      .select('username')
      .where('username', '=', username)
      .executeTakeFirst();
    return row !== undefined;
  }

  async list(): Promise<AgentListing[]> {
    const rows = await this.db
      .selectFrom('agents')
      .leftJoin('agent_group_members', 'agent_group_members.username', 'agents.username')
      .select([
        'agents.username',
        'agents.role',
        'agents.disabled',
        'agents.display_name',
        'agents.capacity',
        sql<
          string[]
        >`coalesce(array_agg(agent_group_members.group_name ORDER BY agent_group_members.group_name) FILTER (WHERE agent_group_members.group_name IS NOT NULL), '{}')`.as(
          'groups',
        ),
      ])
      .groupBy('agents.username')
      .orderBy('agents.username')
      .execute();
    return rows.map((row) =>
      AgentListing.parse({
        username: row.username,
        role: row.role,
        disabled: row.disabled,
        groups: row.groups,
        ...(row.display_name === null ? {} : { displayName: row.display_name }),
        ...(row.capacity === null ? {} : { capacity: row.capacity }),
      }),
    );
  }

  async create(agent: NewAgent): Promise<boolean> {
    const parsed = NewAgent.parse(agent);
    const hash = await hashPassword(parsed.password);
    return this.db.transaction().execute((tx) => insertAgent(tx, parsed, hash));
  }

  async update(username: string, changes: AgentChanges): Promise<boolean> {
    const { displayName, role, groups, capacity } = AgentChanges.parse(changes);
    return this.db.transaction().execute(async (tx) => {
      const { numUpdatedRows } = await tx
        .updateTable('agents')
        .set({
          // A no-op assignment keeps the statement valid when only the groups change.
          username,
          ...(displayName === undefined ? {} : { display_name: displayName }),
          ...(role === undefined ? {} : { role }),
          ...(capacity === undefined ? {} : { capacity }),
        })
        .where('username', '=', username)
        .executeTakeFirst();
      if (numUpdatedRows !== 1n) return false;
      if (groups !== undefined) await setGroups(tx, username, groups);
      return true;
    });
  }

  async setDisabled(username: string, disabled: boolean): Promise<boolean> {
    const { numUpdatedRows } = await this.db
      .updateTable('agents')
      .set((eb) => ({
        disabled,
        token_version: disabled ? eb('token_version', '+', 1) : eb.ref('token_version'),
      }))
      .where('username', '=', username)
      .executeTakeFirst();
    return numUpdatedRows === 1n;
  }

  async resetPassword(username: string, password: string): Promise<boolean> {
    const hash = await hashPassword(password);
    const { numUpdatedRows } = await this.db
      .updateTable('agents')
      .set((eb) => ({ password_hash: hash, token_version: eb('token_version', '+', 1) }))
      .where('username', '=', username)
      .executeTakeFirst();
    return numUpdatedRows === 1n;
  }

  async groups(): Promise<AgentGroup[]> {
    const rows = await this.db
      .selectFrom('agent_groups')
      .leftJoin('agent_group_members', 'agent_group_members.group_name', 'agent_groups.name')
      .select([
        'agent_groups.name',
        'agent_groups.display_name',
        sql<
          string[]
        >`coalesce(array_agg(agent_group_members.username ORDER BY agent_group_members.username) FILTER (WHERE agent_group_members.username IS NOT NULL), '{}')`.as(
          'members',
        ),
      ])
      .groupBy('agent_groups.name')
      .orderBy('agent_groups.name')
      .execute();
    return rows.map((row) =>
      AgentGroup.parse({
        name: row.name,
        members: row.members,
        ...(row.display_name === null ? {} : { displayName: row.display_name }),
      }),
    );
  }

  async createGroup(name: string, displayName?: string): Promise<boolean> {
    const { numInsertedOrUpdatedRows } = await this.db
      .insertInto('agent_groups')
      .values({ name: GroupName.parse(name), display_name: displayName ?? null })
      .onConflict((oc) => oc.column('name').doNothing())
      .executeTakeFirst();
    return numInsertedOrUpdatedRows === 1n;
  }

  async renameGroup(name: string, displayName: string | null): Promise<boolean> {
    const { numUpdatedRows } = await this.db
      .updateTable('agent_groups')
      .set({ display_name: displayName })
      .where('name', '=', name)
      .executeTakeFirst();
    return numUpdatedRows === 1n;
  }

  async moveGroup(name: string, to: string): Promise<'moved' | 'not_found' | 'taken'> {
    const next = GroupName.parse(to);
    return this.db.transaction().execute(async (tx) => {
      const group = await tx
        .selectFrom('agent_groups')
        .select('display_name')
        .where('name', '=', name)
        .forUpdate()
        .executeTakeFirst();
      if (group === undefined) return 'not_found';
      if (name === next) return 'moved';
      // The membership's foreign key has no ON UPDATE CASCADE: add the new group, move the
      // members, drop the old one, in one transaction.
      const { numInsertedOrUpdatedRows } = await tx
        .insertInto('agent_groups')
        .values({ name: next, display_name: group.display_name })
        .onConflict((oc) => oc.column('name').doNothing())
        .executeTakeFirst();
      if (numInsertedOrUpdatedRows !== 1n) return 'taken';
      await tx
        .updateTable('agent_group_members')
        .set({ group_name: next })
        .where('group_name', '=', name)
        .execute();
      await tx.deleteFrom('agent_groups').where('name', '=', name).execute();
      return 'moved';
    });
  }

  async deleteGroup(name: string): Promise<boolean> {
    const { numDeletedRows } = await this.db
      .deleteFrom('agent_groups')
      .where('name', '=', name)
      .executeTakeFirst();
    return numDeletedRows === 1n;
  }

  private async isEmpty(): Promise<boolean> {
    const row = await this.db.selectFrom('agents').select('username').limit(1).executeTakeFirst();
    return row === undefined;
  }

  /** Hashes first, then inserts under a table lock, so two instances starting together seed once. */
  private async seed(seed: readonly NewAgent[]): Promise<void> {
    const agents = seed.map((agent) => NewAgent.parse(agent));
    const hashes = await Promise.all(agents.map((agent) => hashPassword(agent.password)));
    await this.db.transaction().execute(async (tx) => {
      await sql`LOCK TABLE agents IN SHARE ROW EXCLUSIVE MODE`.execute(tx);
      const any = await tx.selectFrom('agents').select('username').limit(1).executeTakeFirst();
      if (any !== undefined) return;
      for (const [i, agent] of agents.entries()) await insertAgent(tx, agent, hashes[i] ?? '');
    });
  }
}

/** One account and its group memberships; false when the username is taken. */
async function insertAgent(
  tx: Executor,
  agent: ReturnType<typeof NewAgent.parse>,
  hash: string,
): Promise<boolean> {
  const inserted = await tx
    .insertInto('agents')
    .values({
      username: agent.username,
      display_name: agent.displayName ?? null,
      role: agent.role,
      password_hash: hash,
      capacity: agent.capacity ?? null,
      created_at: new Date(),
    })
    .onConflict((oc) => oc.column('username').doNothing())
    .executeTakeFirst();
  if (inserted.numInsertedOrUpdatedRows !== 1n) return false;
  await setGroups(tx, agent.username, agent.groups);
  return true;
}

/** Makes `groups` (created when new) exactly the account's memberships. */
async function setGroups(tx: Executor, username: string, groups: readonly string[]): Promise<void> {
  const distinct = [...new Set(groups)];
  await tx.deleteFrom('agent_group_members').where('username', '=', username).execute();
  if (distinct.length === 0) return;
  await tx
    .insertInto('agent_groups')
    .values(distinct.map((name) => ({ name, display_name: null })))
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  await tx
    .insertInto('agent_group_members')
    .values(distinct.map((group_name) => ({ group_name, username })))
    .execute();
}

function accountOf(row: {
  username: string;
  role: string;
  disabled: boolean;
  token_version: number;
  capacity: number | null;
}): AgentAccount {
  return {
    username: row.username,
    role: AgentRole.parse(row.role),
    disabled: row.disabled,
    tokenVersion: row.token_version,
    ...(row.capacity === null ? {} : { capacity: row.capacity }),
  };
}
