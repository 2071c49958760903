import { join } from 'node:path';
import type { Logger } from 'pino';
import type { AppOptions } from './app.js';
import type { Env } from './config/env.js';
import { createIntakeDialog } from './dialogs/intake.dialog.js';
import { flowEscalation } from './dialogs/live-escalation.js';
import { createReplyWriter } from './dialogs/llm.reply-writer.js';
import { scriptedWriter } from './dialogs/reply-writer.js';
import { loadIntakeConfig } from './flows/intake-config.js';
import { createFaqAnswerer, withAnswers } from './knowledge/grounded-answerer.js';
import { watchKnowledgeBase } from './knowledge/watched.knowledge-base.js';
import { followSeededConfig } from './admin/config/live-config.js';
import { createLlmClient } from './llm/create-llm-client.js';
import { DEFAULT_PROMPTS_DIR } from './llm/prompt-loader.js';
import { createUnderstanding } from './understanding/create-understanding.js';
import { createOfflineUnderstanding } from './understanding/offline.understanding.js';
import { recordingFaq, recordingTickets, recordingUnderstanding } from './records/recording.js';

/**
 * What `npm start` runs on the web-chat spine: the configured intake flows as the root dialog over the
 * offline understanding, answering FAQ from CONFIG_DIR/knowledge and handing off through the app's
 * HandoffTrigger. With OPENAI_API_KEY one LLM client (one breaker) also analyses turns, words replies
 * and grounds FAQ answers, each falling back to the offline result. Flows, scripts and the knowledge
 * base hot-reload until close; with a system of record they follow its live configuration
 * versions instead (the admin console publishes them).
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
  const llm = createLlmClient(env, { logger });
  const understanding = await createUnderstanding(env, offline, { llm, logger });
  const scripts = await createReplyWriter(llm, scriptedWriter(intake.scripts.current), { logger });
  const faq = await watchKnowledgeBase(join(env.CONFIG_DIR, 'knowledge'), { logger });
  const answers = await createFaqAnswerer(llm, { logger });
  return {
    logger,
    understanding,
    liveEscalation: flowEscalation(intake.flows, scripts),
    ...(llm ? { llm } : {}),
    rootDialog: (context) => {
      // With a system of record, each turn's reading, its FAQ outcome and the self-service the
      // bot did feed the analytics.
      const facts = context.records?.facts;
      const answered = withAnswers(faq, answers);
      return createIntakeDialog({
        understanding: facts ? recordingUnderstanding(understanding, facts) : understanding,
        tickets: facts ? recordingTickets(context.tickets, facts) : context.tickets,
        ticketGuard: context.ticketGuard,
        flows: intake.flows,
        scripts,
        faq: facts ? recordingFaq(answered, facts) : answered,
        handoff: context.handoff.trigger,
      });
    },
    extend: async ({ records }) => {
      // With a system of record the live configuration versions are the truth, seeded from the
      // files on a fresh database; the files are no longer watched.
      const live = records
        ? await followSeededConfig(records, {
            roots: { configDir: env.CONFIG_DIR, promptsDir: DEFAULT_PROMPTS_DIR },
            targets: {
              flows: intake.flows.use,
              scripts: intake.scripts.use,
              knowledge: (files) => faq.use(files),
            },
            logger,
          })
        : undefined;
      if (live) {
        intake.close();
        faq.close();
      }
      return () => {
        live?.close();
        intake.close();
        faq.close();
        return Promise.resolve();
      };
    },
  };
}
