import { z } from 'zod';
import { Analysis, SlotValue } from '../../domain/analysis.js';
import { SLOT_NAMES, type SlotName } from '../../domain/taxonomy.js';

/**
 * The Analysis as a strict-JSON-schema-friendly object for the wire: structured outputs need every key
 * required, so slots are an object of nullable fields instead of a partial record.
 */
const wireSlotsShape = Object.fromEntries(
  SLOT_NAMES.map((name) => [name, SlotValue.nullable()]),
) as { [K in SlotName]: z.ZodNullable<typeof SlotValue> };

export const WireAnalysis = Analysis.omit({
  slots: true,
  // The contextual readings join the wire once the prompt asks for them (issue 10).
  act: true,
  empathy: true,
  urgency: true,
  amounts: true,
  slotIssues: true,
}).extend({
  slots: z.object(wireSlotsShape),
});
export type WireAnalysis = z.infer<typeof WireAnalysis>;

/** Drops null slots and duplicate flags, then re-validates with the domain schema. */
export function toAnalysis(wire: WireAnalysis): ReturnType<typeof Analysis.safeParse> {
  const slots = Object.fromEntries(Object.entries(wire.slots).filter(([, slot]) => slot !== null));
  return Analysis.safeParse({ ...wire, flags: [...new Set(wire.flags)], slots });
}
