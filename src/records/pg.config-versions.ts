import { sql, type Selectable, type Transaction } from 'kysely';
import {
  ConfigBody,
  ConfigKind,
  ConfigVersion,
  type PublishOutcome,
} from '../config/config-version.js';
import type { ConfigVersions } from '../config/config-versions.port.js';
import type { RecordsDb } from './database.js';
import { isUniqueViolation } from './pg-errors.js';
import type { ConfigVersionsTable, RecordsSchema } from './schema.js';

const DRAFT_ATTEMPTS = 10;

type Tx = Transaction<RecordsSchema>;

/**
 * Configuration versions in `config_versions`. A publish locks the kind's rows, retires the live
 * version and makes the chosen one live in one transaction; the partial unique index
 * (one `live` per kind) backs the rule even against a writer that skips the lock.
 */
export class PgConfigVersions implements ConfigVersions {
  constructor(
    private readonly db: RecordsDb,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The next number of the kind; two drafts saved at once retry on the (kind, version) key. */
  async saveDraft(kind: ConfigKind, body: string, author: string): Promise<ConfigVersion> {
    const values = { kind: ConfigKind.parse(kind), body: ConfigBody.parse(body), author };
    for (let attempt = 0; attempt < DRAFT_ATTEMPTS; attempt += 1) {
      try {
        const row = await this.db
          .insertInto('config_versions')
          .values({
            ...values,
            version: sql<number>`(SELECT coalesce(max(version), 0) + 1 FROM config_versions WHERE kind = ${values.kind})`,
            status: 'draft',
            created_at: this.now(),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return versionOf(row);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    throw new Error(`No free ${kind} version number after ${DRAFT_ATTEMPTS} attempts`);
  }

  async get(kind: ConfigKind, version: number): Promise<ConfigVersion | undefined> {
    const row = await this.db
      .selectFrom('config_versions')
      .selectAll()
      .where('kind', '=', kind)
      .where('version', '=', version)
      .executeTakeFirst();
    return row === undefined ? undefined : versionOf(row);
  }

  async live(kind: ConfigKind): Promise<ConfigVersion | undefined> {
    const row = await this.db
      .selectFrom('config_versions')
      .selectAll()
      .where('kind', '=', kind)
      .where('status', '=', 'live')
      .executeTakeFirst();
    return row === undefined ? undefined : versionOf(row);
  }

  async list(kind: ConfigKind): Promise<ConfigVersion[]> {
    const rows = await this.db
      .selectFrom('config_versions')
      .selectAll()
      .where('kind', '=', kind)
      .orderBy('version', 'desc')
      .execute();
    return rows.map(versionOf);
  }

  publish(kind: ConfigKind, version: number, actor: string): Promise<PublishOutcome> {
    return this.db
      .transaction()
      .execute(async (tx) =>
        this.publishLocked(tx, kind, await lockKind(tx, kind), version, actor),
      );
  }

  rollback(kind: ConfigKind, actor: string): Promise<PublishOutcome> {
    return this.db.transaction().execute(async (tx) => {
      const rows = await lockKind(tx, kind);
      const live = rows.find((row) => row.status === 'live');
      const previous = rows
        .filter(
          (row) => row.status === 'retired' && live !== undefined && row.version < live.version,
        )
        .at(-1);
      if (previous === undefined) return { ok: false, reason: 'nothing_to_roll_back' } as const;
      return this.publishLocked(tx, kind, rows, previous.version, actor);
    });
  }

  private async publishLocked(
    tx: Tx,
    kind: ConfigKind,
    rows: readonly { version: number; status: string }[],
    version: number,
    actor: string,
  ): Promise<PublishOutcome> {
    const target = rows.find((row) => row.version === version);
    if (target === undefined) return { ok: false, reason: 'not_found' };
    if (target.status === 'live') return { ok: false, reason: 'already_live' };
    const retired = rows.find((row) => row.status === 'live');
    if (retired !== undefined)
      await tx
        .updateTable('config_versions')
        .set({ status: 'retired' })
        .where('kind', '=', kind)
        .where('version', '=', retired.version)
        .execute();
    const live = await tx
      .updateTable('config_versions')
      .set({ status: 'live', published_by: actor, published_at: this.now() })
      .where('kind', '=', kind)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      ok: true,
      live: versionOf(live),
      ...(retired === undefined ? {} : { retired: retired.version }),
    };
  }
}

/** The kind's versions, oldest first, locked until the transaction ends (publishes queue up). */
function lockKind(tx: Tx, kind: ConfigKind): Promise<{ version: number; status: string }[]> {
  return tx
    .selectFrom('config_versions')
    .select(['version', 'status'])
    .where('kind', '=', kind)
    .orderBy('version')
    .forUpdate()
    .execute();
}

function versionOf(row: Selectable<ConfigVersionsTable>): ConfigVersion {
  return ConfigVersion.parse({
    kind: row.kind,
    version: row.version,
    author: row.author,
    body: row.body,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    ...(row.published_by === null ? {} : { publishedBy: row.published_by }),
    ...(row.published_at === null ? {} : { publishedAt: row.published_at.toISOString() }),
  });
}
