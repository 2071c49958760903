/**
 * What became of a client message id: `claimed` — the caller now processes it (first time, or
 * taking over a turn whose lease lapsed, e.g. its instance died); `in_progress` — another turn
 * holds a live lease on it; `done` — finished, answer with the original id. `id` is always the
 * message id first given for the key, so a retried turn keeps its transcript line.
 */
export type TurnClaim = { state: 'claimed' | 'in_progress' | 'done'; id: string };

/**
 * At-least-once turns (DESIGN §11): an in-progress record with a lease, then a done record, per
 * client message id — across instances in Redis mode. A retry of a finished message is answered
 * with its id and not processed again; a retry of one whose turn never finished is processed.
 */
export interface IdempotencyStore {
  /** Claims `key` for `leaseMs` with `id` unless it is done or leased; see TurnClaim. */
  claim(key: string, id: string, leaseMs: number): Promise<TurnClaim>;
  /** The turn finished: later claims get `done`. */
  complete(key: string): Promise<void>;
  /** The turn failed: the lease ends now, so a retry is processed (with the same id). */
  release(key: string): Promise<void>;
  /** A fresh claim refused before any work (e.g. rate-limited): no record is left behind. */
  forget(key: string): Promise<void>;
}

/** How long a client message id is remembered; retries come within seconds, reloads within hours. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
