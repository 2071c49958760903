import type { Analysis } from '../domain/analysis.js';
import type { Ticket } from '../domain/ticket.js';
import type { SlotName } from '../domain/taxonomy.js';
import type { HandoffSummary } from './summary/summary.schema.js';

/** The parts of a summary an agent is told changed while the customer waited or talked. */
export const LIVE_FIELDS = [
  'elements',
  'missing',
  'emotion',
  'flags',
  'suggestedFirstReply',
  'nextSteps',
] as const;
export type LiveField = (typeof LIVE_FIELDS)[number];

/**
 * What a message written while queued or assigned adds to the ticket (issue 11 §8): its elements
 * (a newer value replaces an older one), the emotion point and any new risk flags.
 */
export function liveChange(ticket: Ticket, analysis: Analysis, at: string) {
  const slots = { ...analysis.slots };
  delete slots.event;
  const flags = [...new Set([...ticket.flags, ...analysis.flags])];
  const emotions = [
    ...ticket.emotions,
    { emotion: analysis.emotion, intensity: analysis.intensity, at },
  ];
  const given = Object.keys(slots) as SlotName[];
  const missingSlots = ticket.missingSlots.filter((slot) => !given.includes(slot));
  return { slots, flags, emotions, missingSlots };
}

/** The fields that differ between the summary the agent had and the rebuilt one. */
export function changedFields(before: HandoffSummary, after: HandoffSummary): LiveField[] {
  return LIVE_FIELDS.filter(
    (field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]),
  );
}
