import {
  ActivityHandler,
  type ConversationState,
  type TurnContext,
  type UserState,
} from 'botbuilder';
import { DialogSet, DialogTurnStatus, type Dialog, type DialogState } from 'botbuilder-dialogs';
import { Language } from '../domain/taxonomy.js';
import type { CustomerTurn, TurnInterceptor } from './turn-interceptor.js';

export interface QingtingBotOptions {
  conversationState: ConversationState;
  userState: UserState;
  /** The root dialog: begun on a session's first turn, continued on each customer message. */
  rootDialog: Dialog;
  interceptors?: readonly TurnInterceptor[];
}

/**
 * The one bot core every channel runs: interceptors first, then the root dialog, then state saved.
 * A new session (conversationUpdate) begins the root dialog with no text, so it can greet.
 */
export class QingtingBot extends ActivityHandler {
  private readonly dialogs: DialogSet;
  private readonly rootDialogId: string;
  private readonly interceptors: readonly TurnInterceptor[];

  constructor(private readonly options: QingtingBotOptions) {
    super();
    const dialogState = options.conversationState.createProperty<DialogState>('dialogState');
    this.dialogs = new DialogSet(dialogState).add(options.rootDialog);
    this.rootDialogId = options.rootDialog.id;
    this.interceptors = options.interceptors ?? [];

    this.onMessage(async (context, next) => {
      // The state read overlaps the interceptors' look-ups; the dialogs then find it cached.
      const loading = options.conversationState.load(context);
      loading.catch(() => undefined); // awaited below; a failure surfaces there, never unhandled
      const handled = await this.intercepted(context);
      await loading;
      if (!handled) await this.runDialogs(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      await this.runDialogs(context);
      await next();
    });
    this.onDialog(async (context, next) => {
      // Two independent keys: written concurrently (one pipelined round trip in Redis mode).
      await Promise.all([
        options.conversationState.saveChanges(context),
        options.userState.saveChanges(context),
      ]);
      await next();
    });
  }

  private async intercepted(context: TurnContext): Promise<boolean> {
    const activity = context.activity;
    const lang = Language.safeParse(activity.locale?.slice(0, 2));
    const turn: CustomerTurn = {
      conversationId: activity.conversation.id,
      messageId: activity.id ?? '',
      text: activity.text ?? '',
      channel: activity.channelId,
      at: (activity.timestamp ?? new Date()).toISOString(),
      ...(lang.success ? { lang: lang.data } : {}),
    };
    for (const interceptor of this.interceptors) {
      if ((await interceptor.intercept(turn)) === 'handled') return true;
    }
    return false;
  }

  private async runDialogs(context: TurnContext): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.rootDialogId);
  }
}
