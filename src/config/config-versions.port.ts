import type { ConfigKind, ConfigVersion, PublishOutcome } from './config-version.js';

/**
 * Versions of editable configuration (DESIGN §10): drafts with their author, exactly one live
 * version per kind, and rollback. The admin console builds on it; PostgreSQL in production
 * (src/records), memory with RECORDS=none.
 */
export interface ConfigVersions {
  /** Stores a new draft as the next version number of its kind. */
  saveDraft(kind: ConfigKind, body: string, author: string): Promise<ConfigVersion>;
  get(kind: ConfigKind, version: number): Promise<ConfigVersion | undefined>;
  live(kind: ConfigKind): Promise<ConfigVersion | undefined>;
  /** Newest first. */
  list(kind: ConfigKind): Promise<ConfigVersion[]>;
  /** Makes a draft or retired version live and retires the live one, atomically. */
  publish(kind: ConfigKind, version: number, actor: string): Promise<PublishOutcome>;
  /** Publishes the newest retired version older than the live one. */
  rollback(kind: ConfigKind, actor: string): Promise<PublishOutcome>;
}
