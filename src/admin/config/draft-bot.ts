import { createIntakeDialog } from '../../dialogs/intake.dialog.js';
import { DialogTestBot, type BotReply, type BotStorage } from '../../dialogs/dialog-test-bot.js';
import { scriptedWriter } from '../../dialogs/reply-writer.js';
import type { Ticket } from '../../domain/ticket.js';
import type { FlowSet } from '../../flows/flow.schema.js';
import type { ScriptBook } from '../../flows/script-book.js';
import type { HandoffRequest } from '../../handoff/handoff-trigger.port.js';
import { entryAnswerer, withAnswers } from '../../knowledge/grounded-answerer.js';
import type { KnowledgeFiles } from '../../knowledge/jsonl.knowledge-loader.js';
import { createKnowledgeBase } from '../../knowledge/memory.knowledge-base.js';
import { MemoryTicketStore } from '../../tickets/memory.ticket-store.js';
import type { Understanding } from '../../understanding/understanding.port.js';

/** The configuration a draft conversation runs on: drafts where given, else the live versions. */
export interface DraftConfig {
  flows: FlowSet;
  scripts: ScriptBook;
  knowledge: KnowledgeFiles;
}

export type { BotReply };

/** What one customer message did: the replies, and the test tickets and handoffs so far. */
export interface DraftTurn {
  replies: BotReply[];
  tickets: Ticket[];
  handoffs: HandoffRequest[];
}

/**
 * The product's intake dialog on a draft configuration, with nothing shared with the running app:
 * its own conversation state, its own memory ticket store (test tickets, gone with it), and a
 * handoff that records the request and answers "queued" without queuing anything; FAQ answers are
 * the entries' own (no LLM call). Used by the
 * try-it panel and the conversation tests, so both see what a customer would.
 */
export class DraftConversation {
  private readonly bot: DialogTestBot;
  /** Test tickets: this conversation's own memory store, never the app's. */
  private readonly tickets = new MemoryTicketStore();
  private readonly handoffs: HandoffRequest[] = [];

  constructor(
    config: DraftConfig,
    understanding: Understanding,
    readonly conversationId: string,
    storage?: BotStorage,
  ) {
    const kb = createKnowledgeBase(config.knowledge.entries, {
      synonyms: config.knowledge.synonyms,
    });
    const root = createIntakeDialog({
      understanding,
      tickets: this.tickets,
      flows: { current: () => config.flows },
      scripts: scriptedWriter(() => config.scripts),
      faq: withAnswers(kb, entryAnswerer),
      handoff: {
        request: (request) => {
          this.handoffs.push(request);
          return Promise.resolve({ state: 'queued', position: 1, etaSeconds: 60 });
        },
      },
    });
    this.bot = new DialogTestBot(root, conversationId, storage);
  }

  /** The greeting of a new session, as the web channel opens one. */
  open(): Promise<BotReply[]> {
    return this.bot.open();
  }

  async send(text: string): Promise<DraftTurn> {
    return {
      replies: await this.bot.send(text),
      tickets: await this.tickets.listByConversation(this.conversationId),
      handoffs: [...this.handoffs],
    };
  }
}
