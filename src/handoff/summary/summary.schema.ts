import { z } from 'zod';
import { SlotValues } from '../../domain/analysis.js';
import { Message } from '../../domain/message.js';
import { EmotionPoint, Severity } from '../../domain/ticket.js';
import {
  Category,
  DialogAct,
  Language,
  Nature,
  RiskFlag,
  SlotName,
} from '../../domain/taxonomy.js';

/** Direction of the customer's emotion over the conversation, so an agent sees "getting angrier" at a glance. */
export const EmotionTrend = z.enum(['rising', 'steady', 'falling']);
export type EmotionTrend = z.infer<typeof EmotionTrend>;

/**
 * Everything an agent needs to pick a case up without the customer repeating themselves (DESIGN §4).
 * Built offline from the ticket and transcript; the same object is returned by `qingting summarize`.
 */
export const HandoffSummary = z.object({
  ticketId: z.string(),
  conversationId: z.string(),
  channel: z.string(),
  lang: Language,
  customer: z.object({
    name: z.string().optional(),
    phone: z.string().optional(),
    account: z.string().optional(),
    contactTime: z.string().optional(),
  }),
  category: Category,
  nature: Nature,
  severity: Severity,
  emotion: z.object({
    current: EmotionPoint,
    trajectory: z.array(EmotionPoint),
    trend: EmotionTrend,
  }),
  flags: z.array(RiskFlag),
  /** Elements collected so far, in the customer's words and normalised. */
  elements: SlotValues,
  /**
   * Elements known only from the customer's own words (amounts, accounts, what happened): data to
   * check, never proof (DESIGN §11); rendered "(客户自述)" / "(customer-stated)".
   */
  customerStated: z.array(SlotName).optional(),
  /** Required elements still missing: the agent asks only for these. */
  missing: z.array(SlotName),
  demand: z.string().optional(),
  /** The configured rule that sent the case to a human. */
  handoffRule: z.string(),
  /** What the assistant already told or promised the customer (ticket numbers, time limits, answers). */
  assistantSaid: z.array(z.object({ act: DialogAct.optional(), text: z.string(), at: z.string() })),
  nextSteps: z.array(z.string()),
  suggestedFirstReply: z.string(),
  transcript: z.array(Message),
  timestamps: z.object({
    conversationStartedAt: z.string(),
    lastCustomerMessageAt: z.string().optional(),
    handoffAt: z.string(),
  }),
  slaDeadline: z.string(),
  /** Prose summary written by the LLM when one is configured, kept only if every fact is in the transcript. */
  abstract: z.string().optional(),
});
export type HandoffSummary = z.infer<typeof HandoffSummary>;
