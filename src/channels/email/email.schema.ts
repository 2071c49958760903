import { z } from 'zod';

const Address = z.object({ address: z.string().optional(), name: z.string().optional() });

/** What Qingting reads of a message mailparser parsed; anything else in it is ignored. */
export const ParsedEmail = z.object({
  messageId: z.string().min(1),
  inReplyTo: z.string().optional(),
  references: z.union([z.string(), z.array(z.string())]).optional(),
  from: z.object({ value: z.array(Address).min(1) }),
  subject: z.string().optional(),
  text: z.string().optional(),
  date: z.date().optional(),
  attachments: z
    .array(
      z.object({
        filename: z.string().optional(),
        contentType: z.string(),
        size: z.number().optional(),
      }),
    )
    .default([]),
  /** Auto-replies and bounces must not start a conversation. */
  headers: z.instanceof(Map).optional(),
});
export type ParsedEmail = z.infer<typeof ParsedEmail>;

/** How a reply is threaded: kept in the channel address, refreshed by each customer email. */
export const EmailThread = z.object({
  to: z.string().min(1),
  subject: z.string(),
  /** The customer's latest Message-ID: our next reply's In-Reply-To. */
  inReplyTo: z.string().min(1),
  references: z.array(z.string()),
});
export type EmailThread = z.infer<typeof EmailThread>;
