import { randomUUID } from 'node:crypto';
import { createServer as createNetServer } from 'node:net';
import hoodiecrow from 'hoodiecrow-imap';
import { simpleParser, type ParsedMail } from 'mailparser';
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import type { Message } from '../../../src/domain/message.js';
import { eventually } from './channel-app.js';
import type { CustomerDriver, SeenLine } from './scenario.js';

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export interface CustomerMail {
  subject: string;
  text: string;
  inReplyTo?: string;
  references?: string[];
  attachments?: Array<{ filename: string; content: string; contentType: string }>;
  headers?: Record<string, string>;
}

export const SUPPORT_ADDRESS = 'support@qingting.test';
export const CUSTOMER_ADDRESS = 'wang.customer@example.cn';

/**
 * The mail world around the email channel: hoodiecrow (a scriptable IMAP server, IDLE on) holds
 * the support mailbox, smtp-server takes what the bot sends and mailparser reads it back; the
 * customer's mail is composed by nodemailer, as a real client would write it.
 */
export async function startMailRig(): Promise<{
  env: Record<string, string>;
  sent: ParsedMail[];
  /** Message-IDs of the customer's mails, in order. */
  delivered: string[];
  deliver(mail: CustomerMail): Promise<string>;
  close(): Promise<void>;
}> {
  const imapPort = await freePort();
  const imap = hoodiecrow({
    plugins: ['IDLE', 'UIDPLUS', 'ENABLE'],
    storage: { INBOX: { messages: [] } },
  });
  imap.listen(imapPort);

  const sent: ParsedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          sent.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  const smtpPort = await freePort();
  await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));

  const delivered: string[] = [];
  const composer = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    env: {
      EMAIL_IMAP_URL: `imap://testuser:testpass@127.0.0.1:${imapPort}/INBOX`,
      EMAIL_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      EMAIL_FROM: `"倾听客服" <${SUPPORT_ADDRESS}>`,
      // hoodiecrow's IDLE pushes are unreliable; the periodic check is what these tests wait on.
      EMAIL_POLL_SECONDS: '0.5',
    },
    sent,
    delivered,
    async deliver(mail) {
      const messageId = `<${randomUUID()}@example.cn>`;
      delivered.push(messageId);
      const info = await composer.sendMail({
        from: `"王先生" <${CUSTOMER_ADDRESS}>`,
        to: SUPPORT_ADDRESS,
        subject: mail.subject,
        text: mail.text,
        messageId,
        ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
        ...(mail.references ? { references: mail.references } : {}),
        ...(mail.attachments ? { attachments: mail.attachments } : {}),
        ...(mail.headers ? { headers: mail.headers } : {}),
      });
      // Composed mail is 7-bit (encoded words, quoted-printable), as hoodiecrow stores it.
      if (!Buffer.isBuffer(info.message)) throw new Error('stream transport gave no buffer');
      imap.appendMessage('INBOX', [], false, info.message.toString('latin1'));
      return messageId;
    },
    close: async () => {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await new Promise<void>((resolve) => imap.close(() => resolve()));
    },
  };
}

/**
 * The shared scenarios' customer by email: every message is a reply in the thread to the latest
 * mail from support (quoting it, as mail clients do), and a line counts as seen once a delivered
 * mail carries it; its act comes from the transcript, since email shows none.
 */
export function emailDriver(
  rig: Awaited<ReturnType<typeof startMailRig>>,
  transcript: () => Promise<Message[]>,
  subject = '投诉:话费问题',
): CustomerDriver {
  const references: string[] = [];
  let taken = 0;
  return {
    async say(text) {
      const last = rig.sent.at(-1);
      const quoted = last?.text
        ? `\n\n在 2026年12月1日 10:00,倾听客服 <${SUPPORT_ADDRESS}> 写道:\n${last.text
            .split('\n')
            .map((line) => `> ${line}`)
            .join('\n')}`
        : '';
      const inReplyTo = last?.messageId;
      if (inReplyTo) references.push(inReplyTo);
      const id = await rig.deliver({
        subject: last ? `Re: ${subject}` : subject,
        text: `${text}${quoted}`,
        ...(inReplyTo ? { inReplyTo, references: [...references] } : {}),
      });
      references.push(id);
    },
    next(match, what) {
      return eventually(
        async () => {
          const delivered = rig.sent.map((mail) => mail.text ?? '').join('\n');
          const lines = (await transcript()).filter((m) => m.from !== 'customer');
          for (let index = taken; index < lines.length; index += 1) {
            const line = lines[index];
            if (!line || !delivered.includes(line.text.trim())) return undefined;
            const seen: SeenLine = {
              text: line.text,
              ...(line.meta?.act ? { act: line.meta.act } : {}),
              ...(line.meta?.ticketId ? { ticketId: line.meta.ticketId } : {}),
            };
            if (match(seen)) {
              taken = index + 1;
              return seen;
            }
          }
          return undefined;
        },
        what,
        15_000,
      );
    },
  };
}
