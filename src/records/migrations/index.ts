import type { Migration, MigrationProvider } from 'kysely';
import { records0001 } from './0001-records.js';
import { records0002 } from './0002-staff-stores.js';
import { analytics0003 } from './0003-analytics-indexes.js';
import { analytics0004 } from './0004-analytics-rollups.js';
import { rollups0005 } from './0005-rollups-without-jit.js';
import { rollups0006 } from './0006-rollup-labels-pruned.js';

/** Migrations in code, numbered; a new one is appended here and never edited once released. */
const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-records': records0001,
  '0002-staff-stores': records0002,
  '0003-analytics-indexes': analytics0003,
  '0004-analytics-rollups': analytics0004,
  '0005-rollups-without-jit': rollups0005,
  '0006-rollup-labels-pruned': rollups0006,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...MIGRATIONS }),
};

/** Every migration's name, oldest first. */
export const MIGRATION_NAMES = Object.keys(MIGRATIONS);

export const LATEST_MIGRATION = MIGRATION_NAMES.at(-1) ?? '';
