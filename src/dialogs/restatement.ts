import type { AmountReading, SlotValues } from '../domain/analysis.js';
import { quoteIsolated } from '../domain/bidi.js';
import type { AmountRole, Category, Language, SlotName } from '../domain/taxonomy.js';
import { localDateTime, wallClockAt } from '../domain/wall-clock.js';
import { fillTemplate, type Choices } from './reply-writer.js';
import { spokenAmount, spokenTime } from './local-form.js';

/** Normalised values tagged by kind (`staff:1024`, `online:app`) read back without the tag. */
const TAGGED = /^(staff|online):/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
/** Longest customer phrase kept in a restatement (anything longer is their story, not a fact). */
const MAX_PHRASE: Readonly<Record<Language, number>> = { zh: 14, en: 40 };
const PICTOGRAPH = /[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu;
/** The disputed amount first: what was overcharged, then what was charged, claimed or paid. */
const MONTH_ONLY = /^\d{4}-\d{2}$/;
/** A phone line: a mainland mobile or an international number; anything else is a reference. */
const PHONE_LIKE = /^(1\d{10}|\+\d{7,15})$/;
/** The last four digits of a card ("尾号6612"). */
const CARD_TAIL = /^\d{4}$/;
const PRIMARY_ROLES: readonly AmountRole[] = ['overcharged', 'charged', 'claimed', 'paid', 'other'];

/** A date-time shown in the customer's zone in digits (ticket and status lines, not restatements). */
export function displayValue(slot: SlotName, value: string, timeZone: string): string {
  if (slot !== 'time' || !ISO_DATE_TIME.test(value))
    return quoteIsolated(value.replace(TAGGED, ''));
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return value;
  const parts = localDateTime(at, timeZone);
  return parts.endsWith('00:00') ? parts.slice(0, 10) : parts;
}

export interface RestatementInput {
  category: Category;
  slots: SlotValues;
  amounts: readonly AmountReading[];
  unknown: readonly SlotName[];
  lang: Language;
  timeZone: string;
  now: Date;
  choices: Choices;
}

/**
 * 复述 a person would say (issue 11 §1): one or two sentences built from the slots — the event in
 * the category's own words, when and where in local form, the amount with its role and currency,
 * what they want and how we will reach them. Never the customer's message itself.
 */
export function restatementOf(input: RestatementInput): string {
  const { lang } = input;
  const parts = lang === 'zh' ? zhSentences(input) : enSentences(input);
  return parts.filter((s) => s.length > 0).join(lang === 'zh' ? '' : ' ');
}

function zhSentences(input: RestatementInput): string[] {
  const { slots, choices } = input;
  const when = slots.time ? timeOf(input, slots.time.value) : '';
  const place = phrase(input, 'place');
  const product = place === phrase(input, 'product') ? '' : phrase(input, 'product');
  const { primary, expected } = amountsOf(input);
  const event = primary ? roleText(input, primary, product) : eventLabel(input, product);
  // "11月的彩铃被扣了5元", "11月29日在营业厅，…": a month reads as whose charge it was.
  const month = slots.time !== undefined && MONTH_ONLY.test(slots.time.value);
  const lead =
    month && product && !place
      ? `${when}的`
      : `${when}${place ? `在${place}` : ''}${when || place ? '，' : ''}`;
  const people = personOf(phrase(input, 'people'), 'zh', input.slots.people?.value);
  const notes = [
    expected ? `应为${spokenAmount(expected.value, 'zh')}` : '',
    accountNote(input),
    people ? `涉及${people}` : '',
  ].filter((n) => n);
  const first = `您是说${lead}${event}${notes.length > 0 ? `（${notes.join('，')}）` : ''}。`;
  const demand = slots.demand ? `您希望${demandText(slots.demand.value, choices, 'zh')}` : '';
  const phone = slots.contact_phone?.value;
  const contactTime = contactTimeOf(input);
  const contact = phone
    ? `处理结果我们会${contactTime ? `在${contactTime}` : ''}打 ${phone} 告诉您`
    : '';
  const second = [demand, contact].filter((s) => s).join('，');
  return [first, second ? `${second}。` : '', unknownText(input)];
}

function enSentences(input: RestatementInput): string[] {
  const { slots, choices } = input;
  const time = slots.time?.value;
  const when = time
    ? MONTH_ONLY.test(time)
      ? ` in ${monthName(time, input)}`
      : ` on ${timeOf(input, time)}`
    : '';
  const place = phrase(input, 'place');
  const product = phrase(input, 'product');
  const { primary, expected } = amountsOf(input);
  const event = primary ? roleText(input, primary, product) : eventLabel(input, product);
  const people = phrase(input, 'people');
  const notes = [
    expected
      ? fillTemplate(choices.amount_phrases.expected, {
          amount: spokenAmount(expected.value, 'en'),
        })
      : '',
    accountNote(input),
    people ? `involving ${people}` : '',
  ].filter((n) => n);
  const first = `So${when}${place ? ` at ${place}` : ''}${when || place ? ', ' : ' '}${event}${
    notes.length > 0 ? ` (${notes.join('; ')})` : ''
  }.`;
  const demand = slots.demand
    ? `You would like ${demandText(slots.demand.value, choices, 'en')}`
    : '';
  const phone = slots.contact_phone?.value;
  const contactTime = contactTimeOf(input);
  const contact = phone
    ? `we will call you on ${phone}${contactTime ? ` (${contactTime})` : ''} with the result`
    : '';
  const second = demand && contact ? `${demand}, and ${contact}.` : demand ? `${demand}.` : '';
  const lone = !demand && contact ? `${capitalised(contact)}.` : '';
  return [capitalised(first), second || lone, unknownText(input)];
}

/** What happened in the category's words, with the customer's product when they named one. */
function eventLabel(input: RestatementInput, product: string): string {
  const { choices, category } = input;
  return product
    ? fillTemplate(choices.product_event_labels[category], { product })
    : choices.event_labels[category];
}

/**
 * The number the complaint is about, named as what it is (号码 for a phone line, 编号 / account
 * otherwise); left out when it is the number we will call, so it is not read out twice.
 */
function accountNote(input: RestatementInput): string {
  const account = input.slots.account?.value;
  if (!account || account === input.slots.contact_phone?.value) return '';
  const labels = input.choices.account_labels;
  const label = PHONE_LIKE.test(account)
    ? labels.phone
    : CARD_TAIL.test(account)
      ? labels.tail
      : labels.reference;
  return `${label} ${quoteIsolated(account)}`;
}

/**
 * "tomorrow morning" as said; a normalised date ("2026-12-02") in local form — unless it has
 * already passed, when it was the time of the event, not of a call back.
 */
function contactTimeOf(input: RestatementInput): string {
  const value = input.slots.contact_time?.value;
  if (value === undefined || !/^\d{4}-\d{2}/.test(value)) return phrase(input, 'contact_time');
  const end = MONTH_ONLY.test(value) ? endOfMonth(value) : new Date(value);
  return end.getTime() > input.now.getTime() ? timeOf(input, value) : '';
}

function endOfMonth(value: string): Date {
  const [year = 0, month = 1] = value.split('-').map(Number);
  return new Date(Date.UTC(year, month, 1));
}

function monthName(value: string, input: RestatementInput): string {
  const [year = '', month = '1'] = value.split('-');
  const name = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(Number(year), Number(month) - 1, 15)),
  );
  return Number(year) === wallClockAt(input.now, input.timeZone).year ? name : `${name} ${year}`;
}

/** The disputed amount (by role) and the expected one it is compared with, if any. */
function amountsOf(input: RestatementInput): {
  primary?: AmountReading;
  expected?: AmountReading;
} {
  const readings =
    input.amounts.length > 0
      ? input.amounts
      : input.slots.amount
        ? [{ value: input.slots.amount.value, raw: input.slots.amount.raw, role: 'other' as const }]
        : [];
  const primary = PRIMARY_ROLES.map((role) => readings.find((a) => a.role === role)).find(
    (a) => a !== undefined,
  );
  const expected = readings.find((a) => a.role === 'expected');
  return { ...(primary ? { primary } : {}), ...(expected && primary ? { expected } : {}) };
}

/**
 * The amount by its role: "多收了28.8元" / "overcharged by £12.50 on your plan"; an amount that says
 * nothing of what went wrong ("涉及100元") follows the event's own words.
 */
function roleText(input: RestatementInput, amount: AmountReading, product: string): string {
  const { lang, choices } = input;
  const said = fillTemplate(choices.amount_phrases[amount.role], {
    amount: spokenAmount(amount.value, lang),
  });
  const bare = amount.role === 'other' || amount.role === 'claimed' || amount.role === 'paid';
  if (bare) return `${eventLabel(input, product)}${lang === 'zh' ? '，' : ', '}${said}`;
  if (lang === 'zh') return `${product}${said}`;
  return product ? `${said} on your ${product}` : said;
}

function timeOf(input: RestatementInput, value: string): string {
  return spokenTime(value, input.lang, input.timeZone, input.now);
}

/**
 * A short phrase of the customer's own (a place, a product, a person) read back as said; a long
 * one is their story and is left out; emoji never are read back.
 */
function phrase(input: RestatementInput, slot: SlotName): string {
  const value = input.slots[slot]?.value.replace(TAGGED, '').replace(PICTOGRAPH, '').trim() ?? '';
  // Customer words carrying bidi controls are isolated so they cannot reverse the bot's own words.
  return [...value].length <= MAX_PHRASE[input.lang] ? quoteIsolated(value) : '';
}

function unknownText(input: RestatementInput): string {
  const labels = input.unknown
    .filter((slot) => input.slots[slot] === undefined)
    .map((slot) => input.choices.slot_labels[slot]);
  if (labels.length === 0) return '';
  return input.lang === 'zh'
    ? `${labels.join('、')}暂时${input.choices.unknown_value},没关系,专员核实时会查。`
    : `Still ${input.choices.unknown_value}: ${labels.join(' and ').toLowerCase()}, which is fine; our team will check.`;
}

/**
 * The person as the customer would say it: "staff:8866" is 工号 8866 的同事 / staff member 8866;
 * `shown` is the phrase already cut to what may be read back.
 */
export function personOf(shown: string, lang: Language, value?: string): string {
  const staff = value ? /^staff:(\S+)$/.exec(value) : null;
  if (!staff) return shown;
  return lang === 'zh' ? `工号 ${staff[1]} 的同事` : `staff member ${staff[1]}`;
}

/** "refund,apology" read back as "退款、道歉". */
function demandText(value: string, choices: Choices, lang: Language): string {
  const labels: Readonly<Record<string, string>> = choices.demand_labels;
  const said = value.split(',').map((code) => labels[code.trim()] ?? choices.demand_labels.other);
  return [...new Set(said)].join(lang === 'zh' ? '、' : ' and ');
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
