import type { Migration, MigrationProvider } from 'kysely';
import { records0001 } from './0001-records.js';
import { analytics0003 } from './0003-analytics-indexes.js';

/** Migrations in code, numbered; a new one is appended here and never edited once released. */
const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-records': records0001,
  '0003-analytics-indexes': analytics0003,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...MIGRATIONS }),
};

export const LATEST_MIGRATION = Object.keys(MIGRATIONS).at(-1) ?? '';
