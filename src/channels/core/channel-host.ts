import { randomUUID } from 'node:crypto';
import { ActivityTypes, type BotAdapter, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { IdempotencyStore } from '../../storage/idempotency.port.js';
import type { ChannelCapabilities } from '../capabilities.js';
import type { Channel, InboundMessage } from './channel.js';
import type { ChannelRegistry } from './channel-registry.js';
import { CHANNEL_TEXT, UNSUPPORTED_NAME } from './channel-texts.js';
import type { ChannelConversation } from './conversation-directory.js';
import type { MediaInterceptor } from './media.interceptor.js';
import { customerActivity, PlatformAdapter } from './platform.adapter.js';

export interface ChannelHostOptions {
  registry: ChannelRegistry;
  /** The bot's turn handler, the same one the web chat runs: `(turn) => bot.run(turn)`. */
  logic: (turn: TurnContext) => Promise<void>;
  /** Installs the app's middleware and turn-error handler on an adapter (the web chat's, too). */
  prepare: (adapter: BotAdapter, capabilities: ChannelCapabilities) => void;
  idempotency: IdempotencyStore;
  /** The interceptor (in the bot's list) that answers an image or file instead of the dialogs. */
  media: MediaInterceptor;
  /** MAX_MESSAGE_CHARS: longer customer text is cut, and the customer told. */
  maxMessageChars: number;
  logger: Logger;
}

export type ReceiveOutcome = 'processed' | 'duplicate' | 'ignored';

/** How long one platform event's turn may hold its claim before a platform retry may take it over. */
const CHANNEL_TURN_LEASE_MS = 60_000;

/**
 * Where every platform channel hands a verified, decoded customer event (DESIGN §8): platform retries
 * of a finished (or running) event are dropped, those of a failed one processed again, the user's conversation is found (or begun), and the event runs as a turn of the same
 * bot with the same middleware as the web chat. Replies leave through the registry's outbound queue.
 */
export class ChannelHost {
  private readonly adapters = new Map<string, PlatformAdapter>();

  constructor(private readonly options: ChannelHostOptions) {}

  get registry(): ChannelRegistry {
    return this.options.registry;
  }

  register(channel: Channel): void {
    this.options.registry.register(channel);
    const adapter = new PlatformAdapter(channel, {
      messages: async (conversationId, messages) => {
        const entry = await this.options.registry.conversation(conversationId);
        if (entry) await this.options.registry.queue(entry, messages);
      },
      typing: async (conversationId) => {
        const entry = await this.options.registry.conversation(conversationId);
        if (entry) await channel.typing?.(entry.address).catch(() => undefined);
      },
    });
    this.options.prepare(adapter, channel.capabilities);
    for (const extra of channel.middleware ?? []) adapter.use(extra);
    this.adapters.set(channel.id, adapter);
  }

  /** Processes one platform event once; resolves when its turn has run (replies are queued by then). */
  async receive(message: InboundMessage): Promise<ReceiveOutcome> {
    const { address } = message;
    const adapter = this.adapters.get(address.channel);
    if (!adapter) throw new Error(`channel ${address.channel} is not registered`);
    const key = `channel:${address.channel}:${message.platformMessageId}`;
    // At least once: a platform retry of an event whose turn died (crash, error) is processed again.
    const claim = await this.options.idempotency.claim(key, randomUUID(), CHANNEL_TURN_LEASE_MS);
    if (claim.state !== 'claimed') return 'duplicate';
    try {
      const outcome = await this.process(adapter, message, claim.id);
      await this.options.idempotency.complete(key);
      return outcome;
    } catch (error) {
      await this.options.idempotency.release(key);
      throw error;
    }
  }

  private async process(
    adapter: PlatformAdapter,
    message: InboundMessage,
    marker: string,
  ): Promise<ReceiveOutcome> {
    const { address } = message;
    const at = message.at ?? new Date();
    const { entry } = await this.options.registry.touchConversation(address, at, message.lang);
    const lang = entry.lang ?? 'zh';
    this.options.logger.info(
      { conversationId: entry.conversationId, channel: address.channel, kind: message.kind },
      'channel event',
    );
    if (message.kind === 'unsupported') {
      const what = UNSUPPORTED_NAME[lang][message.what] ?? UNSUPPORTED_NAME[lang]['event'] ?? '';
      await this.notice(entry, CHANNEL_TEXT[lang].pleaseType(what));
      return 'processed';
    }
    if (message.kind === 'start') {
      await this.turn(adapter, entry, {
        type: ActivityTypes.ConversationUpdate,
        membersAdded: [{ id: `${address.channel}:${address.user}`, name: 'customer' }],
      });
      return 'processed';
    }
    if (message.kind === 'media') this.options.media.mark(marker, message.what);
    const text = message.text.trim();
    if (text === '') return 'ignored';
    const chars = [...text];
    const cut = chars.length > this.options.maxMessageChars;
    if (cut) await this.notice(entry, CHANNEL_TEXT[lang].cut(this.options.maxMessageChars));
    await this.turn(adapter, entry, {
      type: ActivityTypes.Message,
      id: marker,
      text: cut ? chars.slice(0, this.options.maxMessageChars).join('') : text,
      timestamp: at,
    });
    return 'processed';
  }

  private turn(
    adapter: PlatformAdapter,
    entry: ChannelConversation,
    fields: Parameters<typeof customerActivity>[2],
  ): Promise<void> {
    const activity = customerActivity(entry.conversationId, entry.address, {
      ...(entry.lang ? { locale: entry.lang } : {}),
      ...fields,
    });
    return adapter.processActivity(activity, this.options.logic);
  }

  private async notice(entry: ChannelConversation, text: string): Promise<void> {
    await this.options.registry.send(entry, { from: 'system', text, meta: { act: 'inform' } });
  }
}
