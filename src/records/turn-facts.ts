import { AsyncLocalStorage } from 'node:async_hooks';
import type { AnalyticsEvent } from './analytics-event.js';

/** Records a fact for the analytics without waiting for the database (write-behind). */
export interface AnalyticsRecorder {
  record(fields: Omit<AnalyticsEvent, 'id'>): void;
}

/** The customer turn being answered: which conversation, on which channel. */
export interface TurnScope {
  conversationId: string;
  channel: string;
}

type Fact = Omit<AnalyticsEvent, 'id'>;

/** What one customer turn did, gathered while it runs and recorded once it ends. */
interface TurnState {
  scope: TurnScope;
  faqAnswered?: Fact;
  faqMissed?: Fact;
  /** Tickets the chat was granted this turn (its own, or proven by the phone's last four digits). */
  granted: Set<string>;
  /** Tickets the bot told the customer about (an `inform` carrying the ticket number). */
  informed: Set<string>;
  /** Tickets changed this turn, by id. */
  changed: Set<string>;
  withdrawn: Set<string>;
}

/**
 * The facts of a customer turn (DESIGN §9), keyed by the turn it belongs to: every fact gets the
 * conversation id and channel, however deep in the dialogs it was noticed (an AsyncLocalStorage
 * scope opened around the turn, since the understanding and FAQ ports do not carry the conversation).
 * At the end of the turn at most one FAQ outcome is recorded (answered wins over missed, however
 * many searches the dialogs made), and the self-service done with no human: a withdrawal, or a
 * status answer about a ticket the chat was granted and left unchanged.
 */
export class TurnFacts {
  private readonly turns = new AsyncLocalStorage<TurnState>();

  constructor(private readonly analytics: AnalyticsRecorder) {}

  /** Runs a customer turn; its facts are recorded when it ends, failed or not. */
  async run<T>(scope: TurnScope, work: () => Promise<T>): Promise<T> {
    const state: TurnState = {
      scope,
      granted: new Set(),
      informed: new Set(),
      changed: new Set(),
      withdrawn: new Set(),
    };
    try {
      return await this.turns.run(state, work);
    } finally {
      this.flush(state);
    }
  }

  /** Records at once, with the turn's conversation and channel when inside one. */
  record(fact: Fact): void {
    this.analytics.record({ ...this.scoped(), ...fact });
  }

  /** An FAQ outcome: kept for the end of the turn inside one, recorded at once outside. */
  faq(fact: Fact & { kind: 'faq_answered' | 'faq_missed' }): void {
    const state = this.turns.getStore();
    if (state === undefined) return this.record(fact);
    if (fact.kind === 'faq_answered') state.faqAnswered ??= fact;
    else state.faqMissed ??= fact;
  }

  granted(ticketId: string): void {
    this.turns.getStore()?.granted.add(ticketId);
  }

  informed(ticketId: string): void {
    this.turns.getStore()?.informed.add(ticketId);
  }

  /** A ticket change the chat made; a withdrawal is self-service. */
  changed(ticketId: string, withdrawn: boolean): void {
    const state = this.turns.getStore();
    state?.changed.add(ticketId);
    if (withdrawn) state?.withdrawn.add(ticketId);
  }

  private scoped(): Partial<Fact> {
    const scope = this.turns.getStore()?.scope;
    return scope === undefined
      ? {}
      : { conversationId: scope.conversationId, channel: scope.channel };
  }

  private flush(state: TurnState): void {
    const { conversationId, channel } = state.scope;
    const at = new Date().toISOString();
    const faq = state.faqAnswered ?? state.faqMissed;
    if (faq !== undefined) this.analytics.record({ ...faq, conversationId, channel });
    for (const ticketId of state.withdrawn)
      this.analytics.record({
        at,
        kind: 'self_service',
        label: 'withdrawal',
        ticketId,
        conversationId,
        channel,
      });
    for (const ticketId of state.granted) {
      if (state.changed.has(ticketId) || !state.informed.has(ticketId)) continue;
      this.analytics.record({
        at,
        kind: 'self_service',
        label: 'status',
        ticketId,
        conversationId,
        channel,
      });
    }
  }
}
