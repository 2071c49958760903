/**
 * A real server process for the SIGKILL test: the app with the shipped intake flows, configured
 * only through the environment, printing its URL once listening.
 */
import { loadEnv } from '../../src/config/env.js';
import { createApp } from '../../src/app.js';
import { createIntakeDialog } from '../../src/dialogs/intake.dialog.js';
import { scriptedWriter } from '../../src/dialogs/reply-writer.js';
import { offlineUnderstanding, shippedConfig } from '../support/intake-harness.js';

const env = loadEnv();
const { flows, scripts } = await shippedConfig();
const understanding = await offlineUnderstanding();
const app = await createApp(env, {
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
process.stdout.write(`LISTENING ${url}\n`);
