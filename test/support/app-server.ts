/**
 * A real server process for the SIGKILL and restart tests (`spawnServer` in spawn-server.ts): the app
 * with the shipped intake flows, configured only through the environment, printing its URL once
 * listening. With
 * `HANG_TURN_ON` set, a customer message containing that text hangs in understanding after
 * printing `TURN STARTED`, so a test can SIGKILL the instance mid-turn at a known point.
 */
import { loadEnv } from '../../src/config/env.js';
import { createApp } from '../../src/app.js';
import type { Understanding } from '../../src/understanding/understanding.port.js';
import { offlineUnderstanding, shippedRootDialog } from './intake-harness.js';

const env = loadEnv();
const offline = await offlineUnderstanding();
const hangOn = process.env['HANG_TURN_ON'];
const understanding: Understanding = {
  analyze: async (text, context) => {
    if (hangOn !== undefined && text.includes(hangOn)) {
      process.stdout.write('TURN STARTED\n');
      await new Promise<never>(() => undefined);
    }
    return offline.analyze(text, context);
  },
};
const app = await createApp(env, { rootDialog: await shippedRootDialog(understanding) });
const url = await app.listen(0, '127.0.0.1');
process.stdout.write(`LISTENING ${url}\n`);
