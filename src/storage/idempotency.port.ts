/**
 * Remembers the first id given for a key, so a retried client send is answered with the
 * original message id instead of being processed twice — across instances in Redis mode.
 */
export interface IdempotencyStore {
  /** Stores `id` under `key` unless one is there; returns the id that holds the key. */
  remember(key: string, id: string): Promise<string>;
}

/** How long a client message id is remembered; retries come within seconds, reloads within hours. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
