import { randomBytes, timingSafeEqual } from 'node:crypto';

/** How long the first-run link printed at start-up stays usable. */
export const SETUP_LINK_TTL_MS = 60 * 60 * 1000;

/**
 * The one-time first-run token (192 random bits), held in this process only: it dies with the
 * process, on use, or after an hour, and a restart with still no account prints a new one.
 */
export class SetupLink {
  private token: Buffer | undefined;
  private expiresAt = 0;

  constructor(private readonly clock: () => number = Date.now) {}

  /** A fresh token (replacing any earlier one), for the start-up log. */
  issue(): string {
    this.token = randomBytes(24);
    this.expiresAt = this.clock() + SETUP_LINK_TTL_MS;
    return this.token.toString('base64url');
  }

  /** Whether `token` is the live, unexpired one; compared in constant time. */
  matches(token: string): boolean {
    if (this.token === undefined || this.clock() >= this.expiresAt) return false;
    const given = Buffer.from(token, 'base64url');
    return given.length === this.token.length && timingSafeEqual(given, this.token);
  }

  /** Takes the token if `token` matches, so a second use (even a concurrent one) fails. */
  take(token: string): Buffer | undefined {
    if (!this.matches(token)) return undefined;
    const taken = this.token;
    this.token = undefined;
    return taken;
  }

  /** Puts a taken token back when the account it was for could not be created. */
  restore(taken: Buffer): void {
    if (this.clock() < this.expiresAt) this.token = taken;
  }
}
