import { z } from 'zod';
import { Language } from '../domain/taxonomy.js';

/**
 * The seam between the dialogs (which decide WHEN to hand off, from configured rules) and the
 * handoff subsystem (queue, summary, agents). The ticket and the transcript carry everything else.
 */
export const HandoffRequest = z.object({
  conversationId: z.string().min(1),
  ticketId: z.string().min(1),
  /** Name of the configured rule that fired, e.g. `request_human`, `anger`, `risk_flag:legal_threat`. */
  rule: z.string().min(1),
  lang: Language,
  channel: z.string().min(1),
});
export type HandoffRequest = z.infer<typeof HandoffRequest>;

/** Expected outcomes are values (STYLE §7): queued with a position, or told when they will be contacted. */
export const HandoffOutcome = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('queued'),
    position: z.number().int().min(1),
    etaSeconds: z.number().int().min(0),
  }),
  z.object({
    state: z.literal('out_of_hours'),
    /** ISO time the customer will be contacted from. */
    contactAt: z.string(),
  }),
]);
export type HandoffOutcome = z.infer<typeof HandoffOutcome>;

export interface HandoffTrigger {
  request(request: HandoffRequest): Promise<HandoffOutcome>;
}
