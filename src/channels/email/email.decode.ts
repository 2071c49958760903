import type { InboundMessage } from '../core/channel.js';
import { stripQuoted } from './email.quote.js';
import type { EmailThread, ParsedEmail } from './email.schema.js';
import type { EmailThreads } from './email.threads.js';

export const EMAIL_CHANNEL = 'email';

/**
 * One email as a customer event. The thread (one conversation, one ticket) is found from
 * In-Reply-To and References; the customer's own words are kept (quotes, signature and footer
 * stripped), the first email's subject leads, attachments are listed by name, type and size.
 * Auto-replies and bounces are nothing to answer.
 */
export async function decodeEmail(
  mail: ParsedEmail,
  threads: EmailThreads,
): Promise<InboundMessage | undefined> {
  const from = mail.from.value[0]?.address;
  if (!from || isAutomatic(mail)) return undefined;
  const references =
    typeof mail.references === 'string' ? [mail.references] : (mail.references ?? []);
  const cited = [...(mail.inReplyTo ? [mail.inReplyTo] : []), ...[...references].reverse()];
  const root = (await threads.find(cited)) ?? references[0] ?? mail.inReplyTo ?? mail.messageId;
  await threads.remember(mail.messageId, root);

  const subject = (mail.subject ?? '').trim();
  const thread: EmailThread = {
    to: from,
    subject,
    inReplyTo: mail.messageId,
    references: [...references.filter((id) => id !== mail.messageId), mail.messageId],
  };
  const base = {
    address: { channel: EMAIL_CHANNEL, user: root, data: { thread } },
    platformMessageId: mail.messageId,
    ...(mail.date ? { at: mail.date } : {}),
  };
  const body = stripQuoted(mail.text ?? '');
  const opening = root === mail.messageId && subject !== '' && !body.startsWith(subject);
  const words = [opening ? subject : '', body].filter((part) => part !== '').join('\n');
  const listed = mail.attachments.map(
    (file) =>
      `[attachment: ${file.filename ?? 'unnamed'}, ${file.contentType}${file.size !== undefined ? `, ${kilobytes(file.size)}` : ''}]`,
  );
  const text = [words, ...listed].filter((part) => part !== '').join('\n');
  if (words === '')
    return listed.length > 0 ? { ...base, kind: 'unsupported', what: 'file' } : undefined;
  return { ...base, kind: 'text', text, lang: /[\u3400-\u9fff]/u.test(words) ? 'zh' : 'en' };
}

/** RFC 3834 auto-replies, bounces and list mail. */
function isAutomatic(mail: ParsedEmail): boolean {
  const header = (name: string): string => {
    const value: unknown = mail.headers?.get(name);
    return typeof value === 'string' ? value.toLowerCase() : '';
  };
  const auto = header('auto-submitted');
  return (
    (auto !== '' && auto !== 'no') ||
    header('precedence') === 'bulk' ||
    header('precedence') === 'auto_reply'
  );
}

const kilobytes = (bytes: number): string => `${Math.max(1, Math.round(bytes / 1024))} KB`;
