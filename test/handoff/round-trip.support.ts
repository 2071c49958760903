import type { App, AppOptions } from '../../src/app.js';
import { createIntakeDialog } from '../../src/dialogs/intake.dialog.js';
import { scriptedWriter } from '../../src/dialogs/reply-writer.js';
import { offlineUnderstanding, shippedConfig } from '../support/intake-harness.js';
import { startTestApp } from '../support/test-app.js';

export const AGENTS = { AGENT_SEED: 'amy:secret-amy,bob:secret-bob', AGENT_ADMINS: '' };

/** Settings a restarted server must share to accept the same agents' tokens. */
export const AGENT_TOKEN_SECRET = 'test-secret-test-secret-test-secret-0123';

/** The real app with the shipped intake flows and the offline understanding, as `npm start` runs it. */
export async function startIntakeApp(
  env: Record<string, string>,
  extra: Omit<AppOptions, 'rootDialog'> = {},
): Promise<{ app: App; url: string }> {
  const { flows, scripts } = await shippedConfig();
  const understanding = await offlineUnderstanding();
  const options: AppOptions = {
    ...extra,
    rootDialog: (context) =>
      createIntakeDialog({
        understanding,
        tickets: context.tickets,
        flows: { current: () => flows },
        scripts: scriptedWriter(() => scripts),
        handoff: context.handoff.trigger,
      }),
  };
  return startTestApp({ ...AGENTS, ...env }, options);
}
