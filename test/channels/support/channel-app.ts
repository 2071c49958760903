import type { App } from '../../../src/app.js';
import { startIntakeApp } from '../../handoff/round-trip.support.js';

/** Retries fast enough for a test to watch an outage end. */
export const FAST_BACKOFF = { baseMs: 50, maxMs: 400, attempts: 40 };

/**
 * The real app with the shipped intake flows and the offline understanding — what `npm start` runs —
 * configured through the environment like production, with a short outbound back-off.
 */
export function startChannelApp(env: Record<string, string>): Promise<{ app: App; url: string }> {
  return startIntakeApp(env, { channelBackoff: FAST_BACKOFF });
}

/** Polls until `check` returns a value (not undefined), or fails after `ms`. */
export async function eventually<T>(
  check: () => T | undefined | Promise<T | undefined>,
  what: string,
  ms = 8000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
