import type { Analysis, SlotValue, SlotValues } from '../domain/analysis.js';
import { TICKET_ID_PATTERN } from '../domain/ticket.js';
import type { Language, SlotName } from '../domain/taxonomy.js';
import type { ComplaintMemory } from './intake-memory.js';

/** What one customer message added to the complaint. */
export interface Absorbed {
  taken: SlotName[];
  unknown: SlotName[];
  /** Slots to ask once more: the answer named none of their values ("就是话费的事啊" to "您希望怎么处理？"). */
  reask: SlotName[];
}

/** Slots whose answer is free text; structured ones (time, amount, numbers) need an extractor's value. */
const FREE_TEXT_SLOTS: readonly SlotName[] = [
  'event',
  'product',
  'place',
  'people',
  'demand',
  'contact_name',
  'contact_time',
];
/**
 * Free-text slots with a closed set of values: an answer that names none of them missed the question,
 * so it is asked once more instead of filing the reply as "妥善处理".
 */
const CLOSED_SLOTS: readonly SlotName[] = ['demand'];
/** Intents under which a message can be the answer to a question just asked. */
const ANSWERING: readonly string[] = ['other', 'complaint', 'supplement'];
/** Shortest opener that counts as the story itself rather than "我要投诉". */
const MIN_STORY: Readonly<Record<Language, number>> = { zh: 8, en: 24 };

/**
 * Takes every slot value the message carries (a correction replaces the old value), marks the slots
 * just asked as unknown when the customer says they do not know, and otherwise reads a free answer
 * to a pending question as that slot's value. Mutates `complaint`; returns what changed.
 */
export function absorb(
  complaint: ComplaintMemory,
  analysis: Analysis,
  text: string,
  unknownPhrases: readonly string[],
  opening: boolean,
  /** At the restatement every value the customer gives is a correction. */
  revising = false,
): Absorbed {
  const lower = text.toLowerCase();
  const saysUnknown = unknownPhrases.some((phrase) => lower.includes(phrase.toLowerCase()));
  const taken = Object.entries(analysis.slots)
    .filter((entry): entry is [SlotName, SlotValue] => entry[1] !== undefined)
    .filter(([slot, value]) =>
      keeps(complaint, slot, value, {
        opening,
        saysUnknown,
        correcting: revising || analysis.intent === 'supplement',
      }),
    )
    .map(([slot, value]) => {
      complaint.slots[slot] = value;
      return slot;
    });
  const open = complaint.pending.filter((slot) => !taken.includes(slot));
  let unknown: SlotName[] = [];
  const reask: SlotName[] = [];
  // "记不清具体哪天了，大概11月" answers the date it took, not the other questions pending.
  if (saysUnknown && open.length > 0 && taken.length === 0) {
    unknown = open;
  } else if (taken.length === 0 && isFreeAnswer(analysis, text)) {
    const slot = open.find((s) => FREE_TEXT_SLOTS.includes(s));
    if (slot && CLOSED_SLOTS.includes(slot) && !complaint.reasked.includes(slot)) {
      complaint.reasked = [...complaint.reasked, slot];
      reask.push(slot);
    } else if (slot) {
      complaint.slots[slot] = freeValue(text, 0.5);
      taken.push(slot);
    }
  }
  if (opening && [...text.trim()].length >= MIN_STORY[analysis.lang]) {
    // The story: the understanding's short phrase for the case, the whole opener as its raw words.
    const phrase = analysis.slots.event;
    complaint.slots.event = phrase ? { ...phrase, raw: text.trim() } : freeValue(text, 0.6);
    if (!taken.includes('event')) taken.push('event');
  }
  reuseMobileAsContact(complaint, taken);
  if (taken.includes('amount') || (complaint.amounts.length === 0 && analysis.amounts?.length))
    complaint.amounts = analysis.amounts ?? [];
  complaint.unknown = [...complaint.unknown.filter((s) => !taken.includes(s)), ...unknown];
  complaint.pending = [];
  complaint.flags = [...new Set([...complaint.flags, ...analysis.flags])];
  if (!complaint.category || (complaint.category === 'other' && analysis.category !== 'other')) {
    complaint.category = analysis.category;
    complaint.nature = analysis.nature;
  }
  return { taken, unknown, reask };
}

/**
 * Whether a value from the understanding layer is taken. A ticket number is never an account; a
 * filled element is replaced only by a correction or an answer to its own question (so "尽快安装"
 * does not turn the 宽带 complaint into one about 安装); the story (`event`) is set by the opener or
 * when asked for, not overwritten by every later sentence, nor by a "不清楚" reply.
 */
function keeps(
  complaint: ComplaintMemory,
  slot: SlotName,
  value: SlotValue,
  turn: { opening: boolean; saysUnknown: boolean; correcting: boolean },
): boolean {
  if (TICKET_ID_PATTERN.test(value.value)) return false;
  const known = complaint.slots[slot];
  if (slot === 'time' && known !== undefined && isSharperTime(value, known)) return true;
  if (slot !== 'event')
    return known === undefined || turn.correcting || complaint.pending.includes(slot);
  if (turn.saysUnknown) return false;
  return turn.opening || complaint.slots.event === undefined || complaint.pending.includes('event');
}

/** Below this a time is a guess from "上周", "前几天", "a few days ago", not a date the customer gave. */
const VAGUE_TIME = 0.7;

/**
 * Whether a time said later pins down the one held: the same day with the hour ("上周三" → "上周三下午
 * 三点"), or an exact date after a guess ("前几天" → "上礼拜四上午十点"), never a vaguer one.
 */
export function isSharperTime(next: SlotValue, held: SlotValue): boolean {
  const refines = next.value.startsWith(held.value) && next.value.length > held.value.length;
  const firmer =
    held.confidence < VAGUE_TIME &&
    next.confidence >= VAGUE_TIME &&
    next.value.length >= held.value.length;
  return refines || firmer;
}

/** A mobile number (mainland 11 digits or E.164), which can also be rung back. */
const MOBILE = /^(?:1\d{10}|\+\d{8,15})$/;

/**
 * A mobile number stands for both the line complained about and the number to ring back, until the
 * customer gives the other: one question fewer, and the restatement reads both back for the
 * customer to correct ("号码 138… 的话费…,处理结果我们会打 138… 告诉您").
 */
function reuseMobileAsContact(complaint: ComplaintMemory, taken: SlotName[]): void {
  const given = Object.fromEntries(taken.map((slot) => [slot, complaint.slots[slot]]));
  const standIns = mobileStandIns(given, complaint.slots);
  Object.assign(complaint.slots, standIns);
  taken.push(...(Object.keys(standIns) as SlotName[]));
}

/** For a mobile number just given as account or contact phone, the other one where `known` has none. */
export function mobileStandIns(given: SlotValues, known: SlotValues): SlotValues {
  const pairs: ReadonlyArray<[SlotName, SlotName]> = [
    ['account', 'contact_phone'],
    ['contact_phone', 'account'],
  ];
  const standIns: SlotValues = {};
  for (const [slot, other] of pairs) {
    const value = given[slot];
    if (!value || known[other] || given[other] || !MOBILE.test(value.value)) continue;
    standIns[other] = { ...value, confidence: Math.min(value.confidence, 0.5) };
  }
  return standIns;
}

/** Acts that talk about the question rather than answer it ("我前面说过了", "你要我号码干嘛"). */
const ABOUT_THE_QUESTION: readonly string[] = ['already_said', 'question_back'];

/**
 * A reply that reads as an answer: not a yes/no, greeting or request, not a remark about the
 * question itself, more than a sound or dots.
 */
/** A threat ("Posting this on Facebook tonight", "再不理赔我就去银保监") is said, never an answer. */
const THREATS: readonly string[] = ['regulator_threat', 'media_threat', 'legal_threat'];

function isFreeAnswer(analysis: Analysis, text: string): boolean {
  if (ABOUT_THE_QUESTION.includes(analysis.act?.kind ?? '')) return false;
  if (analysis.flags.some((flag) => THREATS.includes(flag))) return false;
  const trimmed = text.trim();
  const long = analysis.lang === 'zh' ? [...trimmed].length >= 2 : trimmed.split(/\s+/).length >= 2;
  return ANSWERING.includes(analysis.intent) && long && /[\p{L}\p{N}]/u.test(trimmed);
}

function freeValue(text: string, confidence: number): SlotValue {
  const trimmed = text.trim();
  return { value: trimmed.slice(0, 300), raw: trimmed, confidence };
}
