import type { Middleware } from 'botbuilder';
import { z } from 'zod';
import { MessageMeta } from '../../domain/message.js';
import type { Language } from '../../domain/taxonomy.js';
import type { ChannelCapabilities } from '../capabilities.js';

/**
 * Where a platform conversation lives: the channel, the platform's user id and whatever else the
 * platform needs to reach that user again (a WeCom service account, a Bot Framework conversation
 * reference, an email thread). `data` is opaque here; the channel parses it with its own schema.
 */
export const ChannelAddress = z.object({
  channel: z.string().min(1),
  user: z.string().min(1),
  data: z.record(z.string(), z.unknown()).optional(),
});
export type ChannelAddress = z.infer<typeof ChannelAddress>;

/** One outgoing line as the outbound queue carries it: the transcript id plus the fitted text. */
export const OutboundMessage = z.object({
  id: z.string().min(1),
  text: z.string(),
  meta: MessageMeta.optional(),
});
export type OutboundMessage = z.infer<typeof OutboundMessage>;

/**
 * What a channel folder gives the host (STYLE §16): its capabilities and the platform calls that
 * deliver. Verification and decoding happen in the channel's own HTTP route (or poller), which
 * then hands an `InboundMessage` to `ChannelHost.receive`.
 */
export interface Channel {
  /** The Activity `channelId`, e.g. `wechat`; also what the summary and the console show. */
  readonly id: string;
  readonly capabilities: ChannelCapabilities;
  /**
   * Delivers one message through the platform. Throw `PlatformRejection` when retrying cannot help
   * (the reply window closed, the user blocked the account); any other error is retried with back-off.
   */
  send(address: ChannelAddress, message: OutboundMessage): Promise<void>;
  /** A typing indicator, best effort (never queued, never retried). */
  typing?(address: ChannelAddress): Promise<void>;
  /** Middleware run after the shared stack on this channel's turns (e.g. email: one reply per turn). */
  readonly middleware?: readonly Middleware[];
}

/** A platform's "no, and asking again will not help" (e.g. WeChat 45015, the 48-hour window). */
export class PlatformRejection extends Error {
  override name = 'PlatformRejection';
  constructor(
    message: string,
    /** The platform's own code, for the log and the agent's notice. */
    readonly code: string,
    /** Set when the rejection is the platform's reply window closing. */
    readonly replyWindowClosed = false,
  ) {
    super(message);
  }
}

/**
 * A decoded customer event from a platform, after verification. `platformMessageId` is the
 * platform's own id (WeChat MsgId, an event's FromUserName+CreateTime) used to drop its retries.
 */
export type InboundMessage =
  | (InboundBase & { kind: 'text'; text: string })
  /** The customer opened or followed the conversation (WeChat subscribe, WeCom enter_session): greet. */
  | (InboundBase & { kind: 'start' })
  /**
   * An image or file: `text` (e.g. `[图片] <url>`) goes into the transcript and to an agent who owns
   * the conversation; the assistant itself only acknowledges it and asks for words.
   */
  | (InboundBase & { kind: 'media'; what: 'image' | 'file'; text: string })
  /** Something the bot cannot read (a sticker, a video): the customer is asked to type. */
  | (InboundBase & { kind: 'unsupported'; what: string });

interface InboundBase {
  address: ChannelAddress;
  platformMessageId: string;
  /** When the platform says it was sent; default now. */
  at?: Date;
  lang?: Language;
}
