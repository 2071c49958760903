import { join } from 'node:path';
import type { Logger } from 'pino';
import type { AppOptions } from './app.js';
import type { Env } from './config/env.js';
import { createIntakeDialog } from './dialogs/intake.dialog.js';
import { scriptedWriter } from './dialogs/reply-writer.js';
import { loadIntakeConfig } from './flows/intake-config.js';
import { watchKnowledgeBase } from './knowledge/watched.knowledge-base.js';
import { createUnderstanding } from './understanding/create-understanding.js';
import { createOfflineUnderstanding } from './understanding/offline.understanding.js';

/**
 * What `npm start` runs on the web-chat spine: the offline understanding (the LLM backend with the
 * offline one as fallback when OPENAI_API_KEY is set) and the configured intake flows as the root
 * dialog, answering FAQ from CONFIG_DIR/knowledge and handing off through the app's HandoffTrigger.
 * Flows, scripts and the knowledge base hot-reload until close.
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
  const faq = await watchKnowledgeBase(join(env.CONFIG_DIR, 'knowledge'), { logger });
  return {
    logger,
    understanding,
    rootDialog: (context) =>
      createIntakeDialog({
        understanding,
        tickets: context.tickets,
        flows: intake.flows,
        scripts: scriptedWriter(intake.scripts.current),
        faq,
        handoff: context.handoff.trigger,
      }),
    extend: () => () => {
      intake.close();
      faq.close();
      return Promise.resolve();
    },
  };
}
