import { z } from 'zod';
import {
  AmountReading,
  Analysis,
  CustomerAct,
  EmpathyReading,
  SlotIssue,
  SlotValue,
  Urgency,
} from '../../domain/analysis.js';
import { SLOT_NAMES, type SlotName } from '../../domain/taxonomy.js';

/**
 * The Analysis as a strict-JSON-schema-friendly object for the wire: structured outputs need every
 * key required, so slots are an object of nullable fields instead of a partial record, and the
 * optional parts of the contextual readings (act slot/value, empathy reason, urgency cause/cue)
 * are nullable.
 */
const wireSlotsShape = Object.fromEntries(
  SLOT_NAMES.map((name) => [name, SlotValue.nullable()]),
) as { [K in SlotName]: z.ZodNullable<typeof SlotValue> };

const WireAct = CustomerAct.extend({
  slot: CustomerAct.shape.slot.unwrap().nullable(),
  value: CustomerAct.shape.value.unwrap().nullable(),
});
const WireEmpathy = EmpathyReading.extend({
  reason: EmpathyReading.shape.reason.unwrap().nullable(),
});
const WireUrgency = Urgency.extend({
  cause: Urgency.shape.cause.unwrap().nullable(),
  cue: Urgency.shape.cue.unwrap().nullable(),
});

export const WireAnalysis = Analysis.omit({
  slots: true,
  act: true,
  empathy: true,
  urgency: true,
  amounts: true,
  slotIssues: true,
}).extend({
  slots: z.object(wireSlotsShape),
  act: WireAct,
  empathy: WireEmpathy,
  urgency: WireUrgency,
  amounts: z.array(AmountReading),
  slotIssues: z.array(SlotIssue),
});
export type WireAnalysis = z.infer<typeof WireAnalysis>;

/** `{ a: null }` → `{}`: the domain schema says "absent", the wire says "null". */
function present<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null)) as Partial<T>;
}

/** Drops nulls and duplicate flags, then re-validates with the domain schema. */
export function toAnalysis(wire: WireAnalysis): ReturnType<typeof Analysis.safeParse> {
  return Analysis.safeParse({
    ...wire,
    flags: [...new Set(wire.flags)],
    slots: present(wire.slots),
    act: present(wire.act),
    empathy: present(wire.empathy),
    urgency: wire.urgency.urgent ? present(wire.urgency) : { urgent: false },
  });
}
