import {
  ActivityTypes,
  ConversationState,
  MemoryStorage,
  TestAdapter,
  type Storage,
} from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogState } from 'botbuilder-dialogs';
import { createIntakeDialog } from '../../dialogs/intake.dialog.js';
import { metaOf } from '../../dialogs/outgoing.js';
import { scriptedWriter } from '../../dialogs/reply-writer.js';
import type { MessageMeta } from '../../domain/message.js';
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

export interface BotReply {
  text: string;
  meta: MessageMeta;
}

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
  private readonly adapter: TestAdapter;
  /** Test tickets: this conversation's own memory store, never the app's. */
  private readonly tickets = new MemoryTicketStore();
  private readonly handoffs: HandoffRequest[] = [];

  constructor(
    config: DraftConfig,
    understanding: Understanding,
    readonly conversationId: string,
    storage: Storage = new MemoryStorage(),
  ) {
    const conversationState = new ConversationState(storage);
    const dialogs = new DialogSet(conversationState.createProperty<DialogState>('dialogState'));
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
    dialogs.add(root);
    this.adapter = new TestAdapter(
      async (context) => {
        const dc = await dialogs.createContext(context);
        const result = await dc.continueDialog();
        if (result.status === DialogTurnStatus.empty) await dc.beginDialog(root.id);
        await conversationState.saveChanges(context);
      },
      {
        conversation: {
          id: conversationId,
          isGroup: false,
          conversationType: 'personal',
          name: '',
        },
      },
    );
  }

  /** The greeting of a new session, as the web channel opens one. */
  async open(): Promise<BotReply[]> {
    await this.adapter.receiveActivity({
      type: ActivityTypes.ConversationUpdate,
      membersAdded: [{ id: 'user', name: 'user' }],
    });
    return this.drain();
  }

  async send(text: string): Promise<DraftTurn> {
    await this.adapter.receiveActivity({ type: ActivityTypes.Message, text });
    return {
      replies: this.drain(),
      tickets: await this.tickets.listByConversation(this.conversationId),
      handoffs: [...this.handoffs],
    };
  }

  private drain(): BotReply[] {
    return this.adapter.activeQueue
      .splice(0)
      .filter((a) => a.type === ActivityTypes.Message)
      .map((a) => ({ text: a.text ?? '', meta: metaOf(a) ?? {} }));
  }
}
