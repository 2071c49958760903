import type { Logger } from 'pino';
import type { AppOptions } from './app.js';
import type { Env } from './config/env.js';
import { createIntakeDialog } from './dialogs/intake.dialog.js';
import { scriptedWriter } from './dialogs/reply-writer.js';
import { loadIntakeConfig } from './flows/intake-config.js';
import { createUnderstanding } from './understanding/create-understanding.js';
import { createOfflineUnderstanding } from './understanding/offline.understanding.js';

/**
 * What `npm start` runs on the web-chat spine: the offline understanding (the LLM backend with the
 * offline one as fallback when OPENAI_API_KEY is set) and the configured intake flows as the root
 * dialog, with handoff through the app's HandoffTrigger. Flows and scripts hot-reload until close.
 */
export async function productOptions(env: Readonly<Env>, logger: Logger): Promise<AppOptions> {
  const intake = await loadIntakeConfig({
    configDir: env.CONFIG_DIR,
    onProblems: (problems) =>
      logger.warn({ problems }, 'flow or script edit rejected; the previous version stays'),
  });
  const offline = createOfflineUnderstanding(
    env.EMOTION_MODEL_DIR ? { modelDir: env.EMOTION_MODEL_DIR } : {},
  );
  const understanding = await createUnderstanding(env, offline, { logger });
  return {
    logger,
    understanding,
    rootDialog: (context) =>
      createIntakeDialog({
        understanding,
        tickets: context.tickets,
        flows: intake.flows,
        scripts: scriptedWriter(intake.scripts.current),
        handoff: context.handoff.trigger,
      }),
    extend: () => () => {
      intake.close();
      return Promise.resolve();
    },
  };
}
