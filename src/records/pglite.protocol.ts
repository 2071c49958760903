import { z } from 'zod';

/**
 * What the app's thread and the embedded database's worker (`pglite.worker.ts`) say to each other.
 * Both sides parse what they receive, so a malformed message is an error naming it, never a hang.
 * Values cross by structured clone, so Dates, bigints and parsed jsonb arrive as they left.
 */
export const WorkerRequest = z.discriminatedUnion('op', [
  z.object({ id: z.number().int(), op: z.literal('open'), dataDir: z.string().min(1) }),
  z.object({
    id: z.number().int(),
    op: z.literal('query'),
    sql: z.string().min(1),
    params: z.array(z.unknown()),
  }),
  z.object({ id: z.number().int(), op: z.literal('exec'), sql: z.string().min(1) }),
  /**
   * A write-behind batch as one JSON string (a string crosses threads as a copy of its bytes, far
   * cheaper than cloning the records' object graph), parsed and checked in the worker, written by
   * its `ArchiveWriter` in one transaction.
   */
  z.object({ id: z.number().int(), op: z.literal('archive'), json: z.string().min(2) }),
  z.object({ id: z.number().int(), op: z.literal('close') }),
]);
export type WorkerRequest = z.infer<typeof WorkerRequest>;

/** A database error's message and the PostgreSQL fields callers test (`code` 23505…). */
export const WorkerFailure = z.object({
  message: z.string(),
  code: z.string().optional(),
  detail: z.string().optional(),
  constraint: z.string().optional(),
  table: z.string().optional(),
  column: z.string().optional(),
});
export type WorkerFailure = z.infer<typeof WorkerFailure>;

export const WorkerReply = z.discriminatedUnion('ok', [
  z.object({
    id: z.number().int(),
    ok: z.literal(true),
    rows: z.array(z.record(z.string(), z.unknown())),
    affectedRows: z.number().int().optional(),
  }),
  z.object({ id: z.number().int(), ok: z.literal(false), error: WorkerFailure }),
]);
export type WorkerReply = z.infer<typeof WorkerReply>;

/** The fields of a thrown database error worth carrying across the thread boundary. */
export function failureOf(error: unknown): WorkerFailure {
  const source = typeof error === 'object' && error !== null ? error : {};
  const field = (name: string): Record<string, string> => {
    const value = (source as Record<string, unknown>)[name];
    return typeof value === 'string' ? { [name]: value } : {};
  };
  return {
    message: error instanceof Error ? error.message : String(error),
    ...field('code'),
    ...field('detail'),
    ...field('constraint'),
    ...field('table'),
    ...field('column'),
  };
}

/** The worker's error rebuilt on the app's side, with its SQLSTATE `code` (see pg-errors.ts). */
export class EmbeddedDatabaseError extends Error {
  override name = 'EmbeddedDatabaseError';
  readonly code: string | undefined;
  readonly detail: string | undefined;
  readonly constraint: string | undefined;

  constructor(failure: WorkerFailure) {
    super(failure.message);
    this.code = failure.code;
    this.detail = failure.detail;
    this.constraint = failure.constraint;
  }
}
