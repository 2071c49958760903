import type { Transporter } from 'nodemailer';
import type { ChannelCapabilities } from '../capabilities.js';
import {
  PlatformRejection,
  type Channel,
  type ChannelAddress,
  type OutboundMessage,
} from '../core/channel.js';
import { EMAIL_CHANNEL } from './email.decode.js';
import { OneReplyPerTurn } from './email.one-reply.js';
import { EmailThread } from './email.schema.js';
import type { EmailThreads } from './email.threads.js';

/** No buttons (suggestions become a numbered list), no typing, long bodies in one mail. */
export const EMAIL_CAPABILITIES: ChannelCapabilities = {
  quickReplies: false,
  typing: false,
  maxTextLength: 100_000,
};

/**
 * SMTP delivery through nodemailer: each message is one reply in the customer's thread
 * (`In-Reply-To` their latest email, `References` the chain, "Re: " their subject). The Message-ID
 * is derived from the outbound message id, so a retried send is recognisably the same mail.
 */
export class EmailChannel implements Channel {
  readonly id = EMAIL_CHANNEL;
  readonly capabilities = EMAIL_CAPABILITIES;
  readonly middleware = [new OneReplyPerTurn()];

  constructor(
    private readonly transport: Transporter,
    private readonly from: string,
    private readonly threads: EmailThreads,
  ) {}

  async send(address: ChannelAddress, message: OutboundMessage): Promise<void> {
    const parsed = EmailThread.safeParse(address.data?.['thread']);
    if (!parsed.success)
      throw new PlatformRejection(`no email thread for conversation ${address.user}`, 'no_thread');
    const thread = parsed.data;
    const messageId = `<${message.id}@${domainOf(this.from)}>`;
    await this.threads.remember(messageId, address.user);
    await this.transport.sendMail({
      from: this.from,
      to: thread.to,
      subject: replySubject(thread.subject),
      text: message.text,
      messageId,
      inReplyTo: thread.inReplyTo,
      references: thread.references,
    });
  }
}

function replySubject(subject: string): string {
  if (subject === '') return 'Re: 您的来信 / Your message';
  return /^(re|回复|答复)\s*[::]/i.test(subject) ? subject : `Re: ${subject}`;
}

function domainOf(from: string): string {
  const match = /@([^>\s]+)>?\s*$/.exec(from);
  return match?.[1] ?? 'qingting.local';
}
