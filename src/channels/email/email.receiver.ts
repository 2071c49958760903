import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import type { Logger } from 'pino';
import { ParsedEmail } from './email.schema.js';

export interface EmailReceiverOptions {
  /** `imaps://user:password@host[:port][/mailbox]` (EMAIL_IMAP_URL). */
  url: string;
  /** Handles one parsed email; resolves once it is safely taken (then it is marked \Seen). */
  onMail: (mail: ParsedEmail) => Promise<void>;
  /** Mailbox checks besides IDLE pushes, in ms. */
  pollMs: number;
  logger: Logger;
}

/**
 * IMAP in: the mailbox is watched with IDLE (imapflow) and checked every `pollMs` as well (a push
 * can be missed, e.g. across a reconnect); every unseen message is parsed (mailparser),
 * handled, and only then flagged \Seen — a crash before that re-reads it, and the host drops the
 * repeat by Message-ID. A dropped connection is reopened with back-off.
 */
export class EmailReceiver {
  private client: ImapFlow | undefined;
  private stopping = false;
  private failures = 0;
  private draining: Promise<void> = Promise.resolve();
  private pending = false;
  private retry: NodeJS.Timeout | undefined;
  private poll: NodeJS.Timeout | undefined;

  constructor(private readonly options: EmailReceiverOptions) {}

  /** Resolves while the mailbox is open. */
  ready(): Promise<void> {
    return this.client?.usable
      ? Promise.resolve()
      : Promise.reject(new Error('IMAP mailbox not connected'));
  }

  async start(): Promise<void> {
    const url = new URL(this.options.url);
    const client = new ImapFlow({
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'imaps:' ? 993 : 143)),
      secure: url.protocol === 'imaps:',
      auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
      logger: false,
    });
    client.on('error', (error: unknown) => {
      this.options.logger.warn({ err: error, channel: 'email' }, 'IMAP connection error');
    });
    client.on('close', () => this.reconnect());
    // Not read inside the event: imapflow is still finishing the IDLE response then.
    client.on('exists', () => {
      setTimeout(() => this.drain(), 50);
    });
    await client.connect();
    await client.mailboxOpen(decodeURIComponent(url.pathname.slice(1)) || 'INBOX');
    this.client = client;
    this.failures = 0;
    // The first read waits a moment, so the app's outbound worker is running before any reply.
    this.retry = setTimeout(() => this.drain(), 250);
    clearInterval(this.poll);
    this.poll = setInterval(() => this.drain(), this.options.pollMs);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.retry);
    clearInterval(this.poll);
    await this.draining;
    if (this.client?.usable) await this.client.logout();
  }

  /** Reads unseen mail; a call while a read runs makes it read once more afterwards. */
  private drain(): void {
    if (this.pending) return;
    this.pending = true;
    this.draining = this.draining.then(async () => {
      this.pending = false;
      await this.readUnseen().catch((error: unknown) => {
        this.options.logger.error({ err: error, channel: 'email' }, 'reading mail failed');
      });
    });
  }

  private async readUnseen(): Promise<void> {
    const client = this.client;
    if (!client?.usable || this.stopping) return;
    const uids = (await client.search({ seen: false }, { uid: true })) || [];
    for (const uid of uids) {
      const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
      if (!message || !message.source) continue;
      const parsed = ParsedEmail.safeParse(await simpleParser(message.source));
      if (parsed.success) await this.options.onMail(parsed.data);
      else
        this.options.logger.warn(
          { channel: 'email', uid },
          'email without the headers we need skipped',
        );
      await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
    }
  }

  private reconnect(): void {
    if (this.stopping) return;
    this.failures += 1;
    const delay = Math.min(60_000, 500 * 2 ** this.failures);
    this.retry = setTimeout(() => {
      this.start().catch((error: unknown) => {
        this.options.logger.error({ err: error, channel: 'email' }, 'IMAP reconnect failed');
        this.reconnect();
      });
    }, delay);
  }
}
