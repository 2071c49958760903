import type { App, AppOptions } from '../../src/app.js';
import { offlineUnderstanding, shippedRootDialog } from '../support/intake-harness.js';
import { startTestApp } from '../support/test-app.js';

export const AGENTS = { AGENT_SEED: 'amy:secret-amy,bob:secret-bob', AGENT_ADMINS: '' };

/** Settings a restarted server must share to accept the same agents' tokens. */
export const AGENT_TOKEN_SECRET = 'test-secret-test-secret-test-secret-0123';

/** The real app with the shipped intake flows and the offline understanding, as `npm start` runs it. */
export async function startIntakeApp(
  env: Record<string, string>,
  extra: Omit<AppOptions, 'rootDialog'> = {},
): Promise<{ app: App; url: string }> {
  const options: AppOptions = {
    ...extra,
    rootDialog: await shippedRootDialog(await offlineUnderstanding()),
  };
  return startTestApp({ ...AGENTS, ...env }, options);
}
