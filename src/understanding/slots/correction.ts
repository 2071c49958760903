import type { SlotValues } from '../../domain/analysis.js';
import { SLOT_NAMES, type SlotName } from '../../domain/taxonomy.js';
import type { SlotInput } from './slot-types.js';

/** "不是1024,是1025" / "not 1024, 1025" / "no, it's A123": the rejected value and its replacement. */
const REPLACE =
  /(?:不是|不对[,，]?\s*不是|not|isn't|wasn't)\s*([A-Za-z0-9\p{Script=Han}:.-]+?)\s*[,，、]?\s*(?:而)?(?:是|应该是|it's|it is|it was|but|,)\s*([A-Za-z0-9-]{3,})/iu;

/** Whether the text names a rejected value and its replacement ("不是1024,是1025"). */
export function namesReplacement(text: string): boolean {
  return REPLACE.test(text) || REJECTED_PART.test(text);
}

/** "不是1栋", "not flat 14", "不姓程", "not Sarah": the part of a known value being turned down. */
const REJECTED_PART =
  /(?:不是|不姓|并非|而不是|\bnot|isn't|wasn't)\s*((?:[A-Za-z]+\s)?\d+[A-Za-z]?[\p{Script=Han}]?|[A-Z][a-z]+|[\p{Script=Han}]{1,4})(?![\dA-Za-z])/u;
/** What replaces a rejected part: a token of the same shape said elsewhere in the message. */
function shapeOf(part: string): RegExp {
  if (/^[A-Z][a-z]+$/.test(part)) return /\b[A-Z][a-z]+\b/g;
  if (/\d/.test(part)) {
    const shape = part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\d+/g, '\\d+');
    return new RegExp(`(?<![\\dA-Za-z])${shape}(?![\\dA-Za-z])`, 'gu');
  }
  return /姓([\p{Script=Han}])/gu;
}

/**
 * "应该是7栋 不是1栋" against 1栋2203, "it's flat 4, not flat 14" against "flat 14, 9 Mill Lane",
 * "我姓陈不姓程" against 程先生: the rejected part of a known value is swapped for its replacement,
 * the rest of the value kept.
 */
function replacePart(input: SlotInput): Partial<Record<SlotName, string>> {
  const m = REJECTED_PART.exec(input.text);
  const part = m?.[1];
  if (m === null || part === undefined) return {};
  const replacement = [...input.text.matchAll(shapeOf(part))]
    .filter((r) => r.index < m.index || r.index >= m.index + m[0].length)
    .map((r) => r[1] ?? r[0])
    .find((r) => r !== part && !/^(?:It|The|Mostly|Not|Sorry|No)$/.test(r));
  if (replacement === undefined) return {};
  const out: Partial<Record<SlotName, string>> = {};
  for (const slot of SLOT_NAMES) {
    const known = input.context.knownSlots[slot]?.value;
    if (known !== undefined && known !== part && known.includes(part))
      out[slot] = known.replace(part, replacement);
  }
  return out;
}

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
  const parts = replacePart(input);
  for (const [slot, value] of Object.entries(parts))
    slots = { ...slots, [slot]: { value, raw: input.text, confidence: 0.8 } };
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
