import { createTransport } from 'nodemailer';
import { ConfigError } from '../../config/env.js';
import type { ChannelFactory } from '../core/channel-setup.js';
import { EmailChannel } from './email.channel.js';
import { decodeEmail } from './email.decode.js';
import { EmailReceiver } from './email.receiver.js';
import { EmailThreads } from './email.threads.js';

const VARIABLES = ['EMAIL_IMAP_URL', 'EMAIL_SMTP_URL', 'EMAIL_FROM'] as const;

/** On with all of EMAIL_IMAP_URL, EMAIL_SMTP_URL and EMAIL_FROM; some but not all is a start-up error. */
export const emailChannel: ChannelFactory = async (setup) => {
  const { env, host, logger } = setup;
  const missing = VARIABLES.filter((name) => env[name] === undefined);
  if (missing.length === VARIABLES.length) return undefined;
  const [absent] = missing;
  if (absent !== undefined)
    throw new ConfigError(
      `Invalid ${absent}: required with ${VARIABLES.filter((v) => v !== absent).join(' and ')} (unset)`,
    );
  const imapUrl = env.EMAIL_IMAP_URL ?? '';
  const from = env.EMAIL_FROM ?? '';
  const threads = new EmailThreads(setup.storage);
  host.register(new EmailChannel(createTransport(env.EMAIL_SMTP_URL ?? ''), from, threads));
  const receiver = new EmailReceiver({
    url: imapUrl,
    pollMs: env.EMAIL_POLL_SECONDS * 1000,
    logger,
    onMail: async (mail) => {
      const inbound = await decodeEmail(mail, threads);
      if (inbound) await host.receive(inbound);
    },
  });
  await receiver.start();
  const mailbox = new URL(imapUrl);
  return {
    id: 'email',
    endpoint: `IMAP ${mailbox.hostname}${mailbox.pathname === '/' ? '' : mailbox.pathname} → SMTP as ${from}`,
    ready: () => receiver.ready(),
    close: () => receiver.stop(),
  };
};
