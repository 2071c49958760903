import type { FlowSet } from '../flows/flow.schema.js';
import type { LiveEscalation } from '../handoff/live-escalation.port.js';
import type { ReplyWriter } from './reply-writer.js';
import { raisedCause, urgentStepFor } from './urgent-step.js';

/**
 * The handoff's `LiveEscalation` from the same flows and scripts as the dialog, so a case that gets
 * worse while queued is answered exactly as it would be mid-intake: the situation's first step, then
 * that the person taking over knows.
 */
export function flowEscalation(
  flows: { current(): FlowSet },
  scripts: ReplyWriter,
): LiveEscalation {
  return {
    async raised({ text, lang, category, analysis, answered, ticketId }) {
      const flow = flows.current().flowFor(category);
      const cause = raisedCause(flow, analysis.urgency, answered, text, lang);
      if (cause === undefined) return undefined;
      const found = urgentStepFor(flow, cause, text, lang, answered.length);
      if (found === undefined) return undefined;
      const notice = await scripts.write({
        key: 'urgent_escalated',
        lang,
        vars: { ticketId },
        seed: answered.length,
      });
      return { cause: found.cause, step: found.step, notice };
    },
  };
}
