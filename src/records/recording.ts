import type { Analysis } from '../domain/analysis.js';
import type { ChangeResult, TicketChange } from '../domain/ticket.js';
import { PiiMasker } from '../llm/pii-masker.js';
import type { TicketStore } from '../tickets/ticket-store.port.js';
import type { AnalysisContext, Understanding } from '../understanding/understanding.port.js';
import type { TurnFacts } from './turn-facts.js';

/**
 * The understanding port with every customer turn's reading recorded for the analytics (emotion,
 * intensity, intent, category, the dialog stage and the turn's place in the conversation), with
 * the turn's conversation and channel. The recording is write-behind, so the turn never waits.
 */
export function recordingUnderstanding(
  understanding: Understanding,
  facts: TurnFacts,
): Understanding {
  return {
    async analyze(text: string, context: AnalysisContext): Promise<Analysis> {
      const analysis = await understanding.analyze(text, context);
      facts.record({
        at: context.now.toISOString(),
        kind: 'turn',
        category: analysis.category,
        emotion: analysis.emotion,
        intensity: analysis.intensity,
        label: analysis.intent,
        detail: {
          turn: context.history.filter((line) => line.from === 'customer').length + 1,
          ...(context.stage === undefined ? {} : { stage: context.stage }),
        },
      });
      return analysis;
    },
  };
}

interface FaqLike<
  R extends { results: readonly { id: string; score: number }[]; abstained: boolean },
  O,
> {
  search(query: string, options?: O): R | Promise<R>;
}

/**
 * The FAQ search with its outcome noted for the turn: the entry answered, or the question nobody
 * could answer (phone, id and card numbers masked) so the knowledge base can grow where it is
 * missed. A turn that searched twice still counts once (TurnFacts).
 */
export function recordingFaq<
  R extends { results: readonly { id: string; score: number }[]; abstained: boolean },
  O,
>(faq: FaqLike<R, O>, facts: TurnFacts): { search(query: string, options?: O): Promise<R> } {
  return {
    async search(query, options) {
      const found = await faq.search(query, options);
      const top = found.results[0];
      const at = new Date().toISOString();
      if (found.abstained || top === undefined)
        facts.faq({ at, kind: 'faq_missed', label: new PiiMasker().mask(query).slice(0, 500) });
      else facts.faq({ at, kind: 'faq_answered', label: top.id, value: top.score });
      return found;
    },
  };
}

/** Changes the customer asks for in the chat; details and feedback the dialogs keep are not. */
const REQUESTED: readonly TicketChange['kind'][] = ['status', 'supplement'];

/**
 * The dialogs' ticket store with the chat's own changes noted for the turn, so a withdrawal done
 * by the bot counts as self-service and a changed ticket is not also counted as a status lookup.
 */
export function recordingTickets(tickets: TicketStore, facts: TurnFacts): TicketStore {
  return {
    create: (draft) => tickets.create(draft),
    get: (id) => tickets.get(id),
    listByConversation: (conversationId) => tickets.listByConversation(conversationId),
    async update(id: string, change: TicketChange): Promise<ChangeResult> {
      const result = await tickets.update(id, change);
      if (result.ok && REQUESTED.includes(change.kind))
        facts.changed(result.ticket.id, change.kind === 'status' && change.status === 'withdrawn');
      return result;
    },
  };
}
