import { sql, type RawBuilder } from 'kysely';
import { z } from 'zod';
import type { RecordsDb } from '../records/database.js';

/** Numbers as PostgreSQL returns them (bigint and numeric arrive as strings from pg). */
export const num = z.coerce.number();
export const numOrNull = z
  .union([z.number(), z.string(), z.null()])
  .transform((value) => (value === null ? null : Number(value)));

/**
 * Runs one dashboard query, labelled `/* analytics:<name> *\/` so that server logs,
 * pg_stat_statements and the scale bench (scripts/bench/analytics.ts) can tell the queries apart.
 */
export async function rows<T extends z.ZodType>(
  db: RecordsDb,
  name: string,
  query: RawBuilder<unknown>,
  row: T,
): Promise<z.infer<T>[]> {
  const result = await sql`/* analytics:${sql.raw(name)} */ ${query}`.execute(db);
  return z.array(row).parse(result.rows);
}
