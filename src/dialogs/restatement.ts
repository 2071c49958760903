import { quoteIsolated } from '../domain/bidi.js';
import { SLOT_NAMES, type SlotName } from '../domain/taxonomy.js';
import type { SlotValues } from '../domain/analysis.js';
import type { Flow } from '../flows/flow.schema.js';
import { localParts } from '../tickets/ticket-id.js';
import type { Choices } from './reply-writer.js';

/** Normalised values tagged by kind (`staff:1024`, `online:app`) read back without the tag. */
const TAGGED = /^(staff|online):/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A slot value as the customer should read it back: dates in their zone, the rest as normalised. */
export function displayValue(slot: SlotName, value: string, timeZone: string): string {
  if (slot !== 'time' || !ISO_DATE_TIME.test(value))
    return quoteIsolated(value.replace(TAGGED, ''));
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return value;
  const { year, month, day, hour, minute } = localParts(at, timeZone);
  const date = `${year}-${month}-${day}`;
  const clock = `${hour}:${minute}`;
  return clock === '00:00' ? date : `${date} ${clock}`;
}

/** The slots a restatement reads back, in canonical order: the flow's and any other the customer gave. */
function restatedSlots(flow: Flow, slots: SlotValues, unknown: readonly SlotName[]): SlotName[] {
  return SLOT_NAMES.filter(
    (slot) =>
      slots[slot] !== undefined ||
      (unknown.includes(slot) && (flow.required.includes(slot) || flow.optional.includes(slot))),
  );
}

/** "时间:2026-11-24;金额:5.00 CNY" — what was understood, for the customer to confirm. */
export function restatementItems(
  flow: Flow,
  slots: SlotValues,
  unknown: readonly SlotName[],
  choices: Choices,
  timeZone: string,
  lang: 'zh' | 'en',
): string {
  const [colon, separator] = lang === 'zh' ? [':', ';'] : [': ', '; '];
  return restatedSlots(flow, slots, unknown)
    .map((slot) => {
      const value = slots[slot]?.value;
      const shown =
        value === undefined
          ? choices.unknown_value
          : slot === 'demand'
            ? demandText(value, choices, lang)
            : displayValue(slot, value, timeZone);
      return `${choices.slot_labels[slot]}${colon}${shown}`;
    })
    .join(separator);
}

/** "refund,apology" read back as "退款、道歉". */
function demandText(value: string, choices: Choices, lang: 'zh' | 'en'): string {
  const labels: Readonly<Record<string, string>> = choices.demand_labels;
  return value
    .split(',')
    .map((code) => labels[code.trim()] ?? code.trim())
    .join(lang === 'zh' ? '、' : ', ');
}
