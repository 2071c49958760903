import type { CountryCode } from 'libphonenumber-js';
import type { AmountReading, SlotIssue, SlotValue, SlotValues } from '../../domain/analysis.js';
import type { SlotName } from '../../domain/taxonomy.js';
import type { CueIndex } from '../cue-index.js';
import { CueMatcher } from '../cue-matcher.js';
import type { SlotVocabulary } from '../understanding-config.js';
import { extractAccount } from './account.slot.js';
import { extractContact } from './contact.slot.js';
import { applyCorrection, namesReplacement } from './correction.js';
import { createDemandExtractor } from './demand.slot.js';
import { createMoneyExtractor } from './money.slot.js';
import { findPhones } from './phone.slot.js';
import { amountReadings, disputedAmount } from './amount-roles.js';
import { createPlaceExtractor } from './place.slot.js';
import { createProductExtractor } from './product.slot.js';
import type { SlotExtractor, SlotHit, SlotInput } from './slot-types.js';
import { createStaffExtractor } from './staff.slot.js';
import { findTimes } from './time.slot.js';

const CLAUSE = /[,，。.;；!！?？\n]/;
/** A phone in a clause about charges or the line itself is the account complained about. */
const ACCOUNT_CUE =
  /扣|费|停机|开通|套餐|号码被|这个号|该号|账号|机主|charged|bill|account|this number|my line/i;
/** A phone-shaped number with a digit too many or few is worth reporting only where a phone is meant. */
const PHONE_WORD = /电话|手机|号码|联系|打我|call|phone|mobile|number|reach me/i;
/** "我是139…的机主, 139…": the line the customer owns is the account, even a clause away. */
const OWNER = /机主|主卡|副卡|这个号|该号|account holder|this number/i;
const OWNER_REACH = 16;
/** A wish right before a time makes it a deadline ("我要今天就…", "要求明天", "want someone here today"). */
const WISHED_BY =
  /(?:我要|要求|希望|必须|务必|最好|最迟|最晚)\s*$|\b(?:want|need|expect)\s+(?:it|this|someone|somebody|an? (?:engineer|technician)|you|them)\b[^.,;!?]{0,16}$|\bby\s+$/iu;

/** How far a clause is looked for on each side: keeps every lookup constant-time. */
const CLAUSE_REACH = 60;
const CONTACT_VERB =
  /联系我|联系本人|打给我|打我|回电|回我电话|找我|\b(?:call|ring|text|reach|contact|phone) (?:me|us)\b|\bcall(?:ing)? back\b|\bget back to me\b/i;
const MONTH_ONLY = /^\d{4}-\d{2}$/;
/** A value right after 不是/not is the one being rejected. */
const REJECTED_BEFORE = /(?:不是|并非|而不是|not|isn't|wasn't|instead of)\s*(?:the\s|a\s)?$/i;
/** An amount turned down outright ("9.9不是19.9", "not £54"); "instead of" only names the expected price. */
const AMOUNT_REJECTED_BEFORE = /(?:不是|并非|而不是|not|isn't|wasn't)\s*$/i;
/** Correction cues that correct only right before a value ("这不是骗人吗" corrects nothing). */
const WEAK_CORRECTION = new Set(['不是', 'not', "it's", 'it was', '错了']);
/** "电话就是出问题的这个号", "same number": the contact phone is the line complained about. */
const SAME_LINE =
  /(?:就是|就打|打|用)(?:出问题的|被扣费的|投诉的)?这个号|同一个号|\b(?:same|that) number\b/i;

function clauseAround(text: string, index: number): string {
  const floor = Math.max(0, index - CLAUSE_REACH);
  const ceiling = Math.min(text.length, index + CLAUSE_REACH);
  let start = index;
  while (start > floor && !CLAUSE.test(text[start - 1] ?? '')) start -= 1;
  let end = index;
  while (end < ceiling && !CLAUSE.test(text[end] ?? '')) end += 1;
  return text.slice(start, end);
}

/** What the extractors read from one message: one value per slot, every amount with its role, malformed values. */
export interface SlotReading {
  slots: SlotValues;
  amounts: AmountReading[];
  issues: SlotIssue[];
}

export interface SlotExtractorOptions {
  /** Default phone region per language (libphonenumber), e.g. { zh: 'CN', en: 'GB' }. */
  phoneRegions: Readonly<Record<'zh' | 'en', CountryCode>>;
  /** Region of an English conversation's phones by time zone or zone prefix ("Australia/": AU). */
  timeZoneRegions?: Readonly<Record<string, CountryCode>>;
}

/** Runs every extractor and keeps one value per slot: the best, or the last one after a correction cue. */
export class SlotExtractorSet {
  private readonly extractors: SlotExtractor[];
  private readonly contact: CueMatcher;
  private readonly correction: CueMatcher;

  constructor(
    vocab: SlotVocabulary,
    private readonly options: SlotExtractorOptions,
    index?: CueIndex,
  ) {
    this.contact = new CueMatcher(vocab.contact, index);
    this.correction = new CueMatcher(
      {
        zh: vocab.correction.zh.filter((c) => !WEAK_CORRECTION.has(c)),
        en: vocab.correction.en.filter((c) => !WEAK_CORRECTION.has(c)),
      },
      index,
    );
    this.extractors = [
      createMoneyExtractor(vocab.defaultCurrency),
      extractAccount,
      createStaffExtractor(vocab),
      createPlaceExtractor(vocab, index),
      createProductExtractor(vocab, index),
      createDemandExtractor(vocab, index),
      extractContact,
      (input) => this.times(input),
    ];
  }

  extract(input: SlotInput): SlotReading {
    const found = this.extractors.flatMap((x) => x(input));
    const phones = this.phones(
      input,
      found.some((h) => h.slot === 'account'),
    );
    const hits = [...found, ...phones.hits];
    const amounts = amountReadings(
      input.text,
      hits.filter((h) => h.slot === 'amount'),
    );
    const slots = this.choose(input, hits);
    const disputed = disputedAmount(amounts, slots.amount?.confidence ?? 0.8);
    // After "not $40, it was $45" the last amount said is the one, whatever its role.
    const rejected = hits.some(
      (h) =>
        h.slot === 'amount' &&
        AMOUNT_REJECTED_BEFORE.test(input.text.slice(Math.max(0, h.index - 6), h.index)),
    );
    if (disputed !== undefined && amounts.length > 1 && !rejected) slots.amount = disputed;
    const line = input.context.knownSlots.account?.value;
    if (slots.contact_phone === undefined && line !== undefined && SAME_LINE.test(input.text)) {
      if (/^\+?\d{7,15}$/.test(line))
        slots.contact_phone = { value: line, raw: line, confidence: 0.8 };
    }
    return { slots, amounts, issues: phones.issues };
  }

  /** A correction: a strong cue ("说错了", "actually"), or a found value right after 不是/not. */
  private correcting(input: SlotInput, hits: readonly SlotHit[]): boolean {
    return (
      this.correction.has(input.lower, input.lang) ||
      namesReplacement(input.text) ||
      hits.some((h) => REJECTED_BEFORE.test(input.text.slice(Math.max(0, h.index - 12), h.index)))
    );
  }

  private choose(input: SlotInput, hits: readonly SlotHit[]): SlotValues {
    const correcting = this.correcting(input, hits);
    const slots: SlotValues = {};
    const bySlot = new Map<SlotName, SlotHit[]>();
    for (const h of hits) {
      const list = bySlot.get(h.slot);
      if (list === undefined) bySlot.set(h.slot, [h]);
      else list.push(h);
    }
    for (const [slot, list] of bySlot) {
      const kept = correcting
        ? list.filter(
            (h) => !REJECTED_BEFORE.test(input.text.slice(Math.max(0, h.index - 12), h.index)),
          )
        : list;
      if (kept.length === 0) continue;
      const chosen = correcting
        ? kept.reduce((a, b) => (b.index >= a.index ? b : a))
        : kept.reduce((a, b) => (b.confidence > a.confidence ? b : a));
      const value: SlotValue = {
        value: chosen.value,
        raw: chosen.raw,
        confidence: chosen.confidence,
      };
      slots[slot] = value;
    }
    return correcting ? applyCorrection(input, slots) : slots;
  }

  private isContactClause(input: SlotInput, index: number): boolean {
    const clause = clauseAround(input.text, index).toLowerCase();
    return this.contact.has(clause, input.lang) || CONTACT_VERB.test(clause);
  }

  /** The conversation's phone region: its zone's for English (a Sydney customer dials AU), else the language's. */
  private regionOf(input: SlotInput): CountryCode {
    const zones = this.options.timeZoneRegions ?? {};
    const zone =
      input.lang === 'en'
        ? Object.keys(zones).find(
            (z) => input.timeZone === z || (z.endsWith('/') && input.timeZone.startsWith(z)),
          )
        : undefined;
    return (zone === undefined ? undefined : zones[zone]) ?? this.options.phoneRegions[input.lang];
  }

  /** A phone goes to contact_phone when said as a contact or asked for; else, near charge words, to account. */
  private phones(
    input: SlotInput,
    accountGiven: boolean,
  ): { hits: SlotHit[]; issues: SlotIssue[] } {
    const found = findPhones(input, this.regionOf(input));
    const pending = input.context.pending ?? [];
    const issues = found.issues.filter(
      (i) =>
        pending.includes('contact_phone') ||
        PHONE_WORD.test(clauseAround(input.text, input.text.indexOf(i.raw))),
    );
    // The question just asked decides first: a number given to "your contact number?" is that.
    if (pending.includes('contact_phone')) return { hits: found.hits, issues };
    // Asked for the account, "打我手机138…" / "call me on 07…" is still how to reach them, and so is
    // any phone next to the account given ("保单号PAB-2025-220011 … 电话138…").
    if (pending.includes('account') && !accountGiven) {
      const hits = found.hits.map((h): SlotHit =>
        CONTACT_VERB.test(clauseAround(input.text, h.index)) ? h : { ...h, slot: 'account' },
      );
      return { hits, issues };
    }
    const lastBot =
      [...input.context.history]
        .reverse()
        .find((t) => t.from === 'bot')
        ?.text.toLowerCase() ?? '';
    const botAskedContact =
      this.contact.has(lastBot, 'zh') ||
      this.contact.has(lastBot, 'en') ||
      /联系|电话|phone|contact/.test(lastBot);
    const routed = found.hits.map((h): SlotHit => {
      const clause = clauseAround(input.text, h.index);
      if (CONTACT_VERB.test(clause) || botAskedContact) return h;
      const around = input.text.slice(
        Math.max(0, h.index - OWNER_REACH),
        h.index + h.raw.length + 8,
      );
      return ACCOUNT_CUE.test(clause) || OWNER.test(around) ? { ...h, slot: 'account' } : h;
    });
    return { hits: routed, issues };
  }

  /**
   * Times said with a contact wish ("下午三点后联系我", "call me after 5pm") are contact_time; any
   * other time is when something happened, which cannot be after now ("三天内给我答复" is none).
   */
  private times(input: SlotInput): SlotHit[] {
    return findTimes(input).flatMap(({ future, ...h }): SlotHit[] => {
      // "我要今天就派人来", "I want someone here today": when they want it done, not when it happened.
      const lead = input.text.slice(Math.max(0, h.index - 24), h.index);
      if (WISHED_BY.test(lead)) return [];
      if (!this.isContactClause(input, h.index)) return future ? [] : [h];
      // "11月份被开了…有事打这个号": a month gone by is when it happened, never when to call.
      if (!future && MONTH_ONLY.test(h.value)) return [h];
      const after = input.text.slice(h.index + h.raw.length, h.index + h.raw.length + 3);
      const before = input.text.slice(Math.max(0, h.index - 7), h.index);
      const qualifier = /^(以后|之后|后|以前|之前|前)/.exec(after)?.[0];
      const enQualifier = /(after|before|from|around)\s*$/i.exec(before)?.[0];
      const raw =
        enQualifier !== undefined ? `${enQualifier.trim()} ${h.raw}` : `${h.raw}${qualifier ?? ''}`;
      const prefix = /以前|之前|前|before/.test(qualifier ?? enQualifier ?? '')
        ? 'before '
        : /后|after|from/.test(qualifier ?? enQualifier ?? '')
          ? 'after '
          : '';
      return [{ ...h, slot: 'contact_time', raw, value: `${prefix}${h.value}` }];
    });
  }
}
