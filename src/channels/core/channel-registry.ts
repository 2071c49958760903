import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Message, MessageMeta } from '../../domain/message.js';
import type { TranscriptStore } from '../../storage/transcript.port.js';
import { fitToChannel } from '../capabilities.js';
import { DeliveryRefused, type HandoffStatus } from '../customer-delivery.port.js';
import type { Language } from '../../domain/taxonomy.js';
import type { Channel, ChannelAddress, OutboundMessage } from './channel.js';
import { CHANNEL_TEXT, handoffNotice } from './channel-texts.js';
import type { ChannelConversation, ConversationDirectory } from './conversation-directory.js';
import type { Outbound } from './outbound.js';

export interface ChannelRegistryOptions {
  directory: ConversationDirectory;
  transcript: TranscriptStore;
  outbound: Outbound;
  logger: Logger;
  now?: () => Date;
}

/**
 * The platform channels of this instance and the one way out to them: messages are fitted to the
 * channel, recorded in the transcript, then queued for the conversation's address. A proactive send
 * after the platform's reply window is refused up front, so the agent sees why.
 */
export class ChannelRegistry {
  private readonly channels = new Map<string, Channel>();
  /** Last queue position told per conversation, so an unchanged one is not repeated. */
  private readonly positions = new Map<string, number>();
  private readonly now: () => Date;

  constructor(private readonly options: ChannelRegistryOptions) {
    this.now = options.now ?? (() => new Date());
  }

  register(channel: Channel): void {
    if (this.channels.has(channel.id)) throw new Error(`channel ${channel.id} registered twice`);
    this.channels.set(channel.id, channel);
  }

  get(id: string): Channel | undefined {
    return this.channels.get(id);
  }

  list(): readonly Channel[] {
    return [...this.channels.values()];
  }

  /** Records a customer event on the conversation (first contact creates it). */
  touchConversation(
    address: ChannelAddress,
    at: Date,
    lang?: Language,
  ): ReturnType<ConversationDirectory['touch']> {
    return this.options.directory.touch(address, at, lang);
  }

  /** The conversation's platform entry, or undefined for a web-chat (or unknown) conversation. */
  conversation(conversationId: string): Promise<ChannelConversation | undefined> {
    return this.options.directory.get(conversationId);
  }

  /** Proactive send (agent reply, notice, survey): fitted, recorded, queued; the last part is returned. */
  async send(
    entry: ChannelConversation,
    message: { from: 'bot' | 'agent' | 'system'; text: string; meta?: MessageMeta },
  ): Promise<Message> {
    const channel = this.channelOf(entry);
    this.assertWindowOpen(entry, channel);
    const parts = fitToChannel(message, channel.capabilities).map((part): Message => ({
      id: randomUUID(),
      from: message.from,
      text: part.text,
      at: this.now().toISOString(),
      ...(part.meta ? { meta: part.meta } : {}),
    }));
    for (const part of parts) await this.options.transcript.append(entry.conversationId, part);
    await this.queue(entry, parts.map(toOutbound));
    const last = parts.at(-1);
    if (!last) throw new Error('fitToChannel returned no parts');
    return last;
  }

  /** A handoff status change, as a short text where the platform has no banner for it. */
  async notifyHandoff(entry: ChannelConversation, status: HandoffStatus): Promise<void> {
    const text = handoffNotice(
      entry.lang ?? 'zh',
      status,
      this.positions.get(entry.conversationId),
    );
    if (status.state === 'queued' && status.position !== undefined)
      this.positions.set(entry.conversationId, status.position);
    if (status.state !== 'queued') this.positions.delete(entry.conversationId);
    if (text === undefined || !this.windowOpen(entry, this.channelOf(entry))) return;
    await this.send(entry, { from: 'system', text, meta: { act: 'handoff' } });
  }

  /** Queues messages a bot turn produced (already fitted and in the transcript by the middleware). */
  async queue(entry: ChannelConversation, messages: OutboundMessage[]): Promise<void> {
    await this.options.outbound.enqueue({
      conversationId: entry.conversationId,
      address: entry.address,
      messages,
    });
  }

  /** Starts the outbound worker: each job's next message goes to its channel's `send`. */
  async start(): Promise<void> {
    await this.options.outbound.start(
      async (job, index) => {
        const channel = this.channels.get(job.address.channel);
        const message = job.messages[index];
        if (!channel) throw new Error(`channel ${job.address.channel} is not enabled here`);
        if (message) await channel.send(job.address, message);
      },
      async (job, error) => {
        this.options.logger.error(
          { err: error, conversationId: job.conversationId, channel: job.address.channel },
          'outbound message undeliverable',
        );
        const entry = await this.options.directory.get(job.conversationId);
        await this.options.transcript.append(job.conversationId, {
          id: randomUUID(),
          from: 'system',
          text: CHANNEL_TEXT[entry?.lang ?? 'zh'].undelivered(error.message),
          at: this.now().toISOString(),
          meta: { act: 'inform' },
        });
      },
    );
  }

  async close(): Promise<void> {
    await this.options.outbound.close();
  }

  private channelOf(entry: ChannelConversation): Channel {
    const channel = this.channels.get(entry.address.channel);
    if (!channel)
      throw new DeliveryRefused(
        'channel_unavailable',
        `the ${entry.address.channel} channel is not enabled on this server`,
      );
    return channel;
  }

  private windowOpen(entry: ChannelConversation, channel: Channel): boolean {
    const hours = channel.capabilities.replyWindowHours;
    if (hours === undefined) return true;
    return this.now().getTime() - Date.parse(entry.lastInboundAt) < hours * 3_600_000;
  }

  private assertWindowOpen(entry: ChannelConversation, channel: Channel): void {
    if (this.windowOpen(entry, channel)) return;
    const hours = channel.capabilities.replyWindowHours ?? 0;
    throw new DeliveryRefused(
      'reply_window_closed',
      `${channel.id} accepts replies only within ${hours} h of the customer's last message (${entry.lastInboundAt}); the customer must write again first`,
    );
  }
}

const toOutbound = (message: Message): OutboundMessage => ({
  id: message.id,
  text: message.text,
  ...(message.meta ? { meta: message.meta } : {}),
});
