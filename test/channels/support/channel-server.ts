/**
 * A real server process for the outbound SIGKILL test: the shipped intake flows with the channels
 * configured from the environment and a back-off that outlasts the test's outage; prints its URL.
 */
import { createApp } from '../../../src/app.js';
import { loadEnv } from '../../../src/config/env.js';
import { createIntakeDialog } from '../../../src/dialogs/intake.dialog.js';
import { scriptedWriter } from '../../../src/dialogs/reply-writer.js';
import { offlineUnderstanding, shippedConfig } from '../../support/intake-harness.js';

const { flows, scripts } = await shippedConfig();
const understanding = await offlineUnderstanding();
const app = await createApp(loadEnv(), {
  channelBackoff: { baseMs: 200, maxMs: 1000, attempts: 10_000 },
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
