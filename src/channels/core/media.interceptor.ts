import type { CustomerTurn, TurnInterceptor } from '../../bot/turn-interceptor.js';
import type { ChannelRegistry } from './channel-registry.js';
import { CHANNEL_TEXT } from './channel-texts.js';

/**
 * Runs after the handoff interceptor: an image or file a platform customer sent (marked by the host
 * by its message id, never by its text) is acknowledged and the customer asked for words, instead
 * of the dialogs reading a URL as a complaint. While an agent has the case it never gets here.
 */
export class MediaInterceptor implements TurnInterceptor {
  private readonly pending = new Map<string, 'image' | 'file'>();

  constructor(private readonly registry: ChannelRegistry) {}

  /** Marks the next turn with this message id as media. */
  mark(messageId: string, what: 'image' | 'file'): void {
    this.pending.set(messageId, what);
  }

  async intercept(turn: CustomerTurn): Promise<'handled' | 'continue'> {
    const what = this.pending.get(turn.messageId);
    if (what === undefined) return 'continue';
    this.pending.delete(turn.messageId);
    const entry = await this.registry.conversation(turn.conversationId);
    if (!entry) return 'continue';
    const text = CHANNEL_TEXT[entry.lang ?? turn.lang ?? 'zh'].mediaNoted(what);
    await this.registry.send(entry, { from: 'bot', text, meta: { act: 'inform' } });
    return 'handled';
  }
}
