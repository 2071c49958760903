import { pino } from 'pino';
import { createApp, type App } from '../../../src/app.js';
import { loadEnv } from '../../../src/config/env.js';
import { createIntakeDialog } from '../../../src/dialogs/intake.dialog.js';
import { scriptedWriter } from '../../../src/dialogs/reply-writer.js';
import { offlineUnderstanding, shippedConfig } from '../../support/intake-harness.js';

export const AGENT_ENV = { AGENT_SEED: 'amy:pw-amy,bob:pw-bob', AGENT_ADMINS: '' };

/** Retries fast enough for a test to watch an outage end. */
export const FAST_BACKOFF = { baseMs: 50, maxMs: 400, attempts: 40 };

/**
 * The real app with the shipped intake flows and the offline understanding — what `npm start` runs —
 * configured through the environment like production, with a short outbound back-off.
 */
export async function startChannelApp(
  env: Record<string, string>,
): Promise<{ app: App; url: string }> {
  const { flows, scripts } = await shippedConfig();
  const understanding = await offlineUnderstanding();
  const app = await createApp(loadEnv({ LOG_LEVEL: 'silent', ...AGENT_ENV, ...env }), {
    logger: pino({ level: 'silent' }),
    channelBackoff: FAST_BACKOFF,
    rootDialog: (context) =>
      createIntakeDialog({
        understanding,
        tickets: context.tickets,
        flows: { current: () => flows },
        scripts: scriptedWriter(() => scripts),
        handoff: context.handoff.trigger,
      }),
  });
  const url = await app.listen(0, '127.0.0.1');
  return { app, url };
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
