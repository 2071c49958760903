import {
  ActivityTypes,
  ConversationState,
  MemoryStorage,
  TestAdapter,
  type Storage,
} from 'botbuilder';
import { DialogSet, DialogTurnStatus, type Dialog, type DialogState } from 'botbuilder-dialogs';
import type { MessageMeta } from '../domain/message.js';
import { metaOf } from './outgoing.js';

/** Where a test bot keeps its conversation state (botbuilder's Storage; memory by default). */
export type BotStorage = Storage;

export interface BotReply {
  text: string;
  meta: MessageMeta;
}

/**
 * One root dialog on botbuilder's TestAdapter, turned the way the bot core turns it (continue,
 * else begin, then save state), with no channel and no app around it. The admin's draft
 * conversation and the test harness both run on it, so a try-it turn and a test turn are the
 * same turn the product runs — and this folder stays the only one that builds a turn loop.
 */
export class DialogTestBot {
  readonly adapter: TestAdapter;

  constructor(
    root: Dialog,
    readonly conversationId: string,
    readonly storage: Storage = new MemoryStorage(),
  ) {
    const conversationState = new ConversationState(storage);
    const dialogs = new DialogSet(conversationState.createProperty<DialogState>('dialogState'));
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

  /** A new session opening (conversationUpdate), as the web channel sends it. */
  async open(): Promise<BotReply[]> {
    await this.adapter.receiveActivity({
      type: ActivityTypes.ConversationUpdate,
      membersAdded: [{ id: 'user', name: 'user' }],
    });
    return this.drain();
  }

  /** One customer message; `at`, when given, is its activity timestamp. */
  async send(text: string, at?: Date): Promise<BotReply[]> {
    await this.adapter.receiveActivity({
      type: ActivityTypes.Message,
      text,
      ...(at ? { timestamp: at } : {}),
    });
    return this.drain();
  }

  /** The messages the bot sent since the last drain (typing and other activities dropped). */
  private drain(): BotReply[] {
    return this.adapter.activeQueue
      .splice(0)
      .filter((a) => a.type === ActivityTypes.Message)
      .map((a) => ({ text: a.text ?? '', meta: metaOf(a) ?? {} }));
  }
}
