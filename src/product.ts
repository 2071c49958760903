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
import { DEFAULT_PROMPTS_DIR, LivePrompts, PromptLoader } from './llm/prompt-loader.js';
import { BusinessHours } from './handoff/business-hours.js';
import { envHandoffTimes, LiveHandoffTimes } from './handoff/handoff-times.js';
import { LiveCannedResponses } from './handoff/live.canned-responses.js';
import { withHandoffRules } from './flows/rules-overlay.js';
import type { FlowSet } from './flows/flow.schema.js';
import type { RulesFile } from './admin/config/config-kinds.js';
import { createUnderstanding } from './understanding/create-understanding.js';
import { createOfflineUnderstanding } from './understanding/offline.understanding.js';
import { recordingFaq, recordingTickets, recordingUnderstanding } from './records/recording.js';

/**
 * What `npm start` runs on the web-chat spine: the configured intake flows as the root dialog over the
 * offline understanding, answering FAQ from CONFIG_DIR/knowledge and handing off through the app's
 * HandoffTrigger. With OPENAI_API_KEY one LLM client (one breaker) also analyses turns, words replies
 * and grounds FAQ answers, each falling back to the offline result. Flows, scripts and the knowledge
 * base hot-reload until close; with a system of record they follow its live configuration
 * versions instead (the admin console publishes them), and so do the handoff rules, the business
 * hours and SLA minutes, the canned responses and the LLM prompts: a published version wins over
 * the files and env it was seeded from.
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
  const livePrompts = new LivePrompts();
  const prompts = new PromptLoader(DEFAULT_PROMPTS_DIR, livePrompts);
  const understanding = await createUnderstanding(env, offline, { llm, logger, prompts });
  const scripts = await createReplyWriter(llm, scriptedWriter(intake.scripts.current), {
    logger,
    loader: prompts,
  });
  const faq = await watchKnowledgeBase(join(env.CONFIG_DIR, 'knowledge'), { logger });
  const answers = await createFaqAnswerer(llm, { logger, loader: prompts });
  const times = new LiveHandoffTimes(envHandoffTimes(env));
  let canned: LiveCannedResponses | undefined;
  // The live flows are the flows version with the rules version laid over it; either publish
  // recomputes them.
  let flows: FlowSet = intake.flows.current();
  let rules: RulesFile['handoff'] = {};
  const useFlows = (next: FlowSet): void => {
    flows = next;
    intake.flows.use(withHandoffRules(flows, rules));
  };
  return {
    logger,
    handoffLive: {
      times,
      prompts,
      canned: (store) => (canned = new LiveCannedResponses(store)),
    },
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
              flows: useFlows,
              scripts: intake.scripts.use,
              knowledge: (files) => faq.use(files),
              rules: (file) => {
                rules = file.handoff;
                useFlows(flows);
              },
              business_hours: (file) =>
                times.use({
                  businessHours: new BusinessHours(file.hours, file.timeZone),
                  slaMinutes: file.slaMinutes ?? env.HANDOFF_SLA_MINUTES,
                }),
              canned: (file) => canned?.use(file.responses),
              prompts: livePrompts.use,
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
