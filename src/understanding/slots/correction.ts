import type { SlotValues } from '../../domain/analysis.js';
import { SLOT_NAMES, type SlotName } from '../../domain/taxonomy.js';
import type { SlotInput } from './slot-types.js';

/** "不是1024,是1025" / "not 1024, 1025" / "no, it's A123": the rejected value and its replacement. */
const REPLACE =
  /(?:不是|不对[,，]?\s*不是|not|isn't|wasn't)\s*([A-Za-z0-9\p{Script=Han}:.-]+?)\s*[,，、]?\s*(?:而)?(?:是|应该是|it's|it is|it was|but|,)\s*([A-Za-z0-9-]{3,})/iu;

/** Shapes a bare replacement the way that slot normalises its values. */
function normalise(slot: SlotName, previous: string, raw: string): string {
  if (slot === 'people' && previous.startsWith('staff:')) return `staff:${raw.toUpperCase()}`;
  if (slot === 'account') return raw.toUpperCase();
  if (slot === 'contact_phone') return raw.replace(/\D/g, '');
  return raw;
}

/**
 * A correction that names the old value but gives the new one bare ("工号不是1024,是1025" after
 * the number was already collected): the slot is the known one whose value the customer rejected.
 */
export function applyCorrection(input: SlotInput, slots: SlotValues): SlotValues {
  const m = REPLACE.exec(input.text);
  if (m === null) return slots;
  const rejected = (m[1] ?? '').toLowerCase();
  const replacement = m[2] ?? '';
  const known = input.context.knownSlots;
  for (const slot of SLOT_NAMES) {
    const previous = known[slot];
    if (previous === undefined || slots[slot] !== undefined) continue;
    const prevValue = previous.value.toLowerCase();
    const prevRaw = previous.raw.toLowerCase();
    if (rejected.length === 0 || !(prevValue.includes(rejected) || prevRaw.includes(rejected)))
      continue;
    return {
      ...slots,
      [slot]: { value: normalise(slot, previous.value, replacement), raw: m[0], confidence: 0.8 },
    };
  }
  return slots;
}
