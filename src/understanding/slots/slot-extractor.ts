import type { SlotValue, SlotValues } from '../../domain/analysis.js';
import type { SlotName } from '../../domain/taxonomy.js';
import { CueMatcher } from '../cue-matcher.js';
import type { SlotVocabulary } from '../understanding-config.js';
import { extractAccount } from './account.slot.js';
import { extractContact } from './contact.slot.js';
import { applyCorrection } from './correction.js';
import { createDemandExtractor } from './demand.slot.js';
import { extractMoney } from './money.slot.js';
import { findPhones } from './phone.slot.js';
import { createPlaceExtractor } from './place.slot.js';
import { createProductExtractor } from './product.slot.js';
import type { SlotExtractor, SlotHit, SlotInput } from './slot-types.js';
import { createStaffExtractor } from './staff.slot.js';
import { findTimes } from './time.slot.js';

const CLAUSE = /[,，。.;；!！?？\n]/;
/** A phone in a clause about charges or the line itself is the account complained about. */
const ACCOUNT_CUE =
  /扣|费|停机|开通|套餐|号码被|这个号|该号|账号|charged|bill|account|this number|my line/i;
const CONTACT_VERB =
  /联系我|联系本人|打给我|打我|回电|回我电话|找我|\b(?:call|ring|text|reach|contact|phone) (?:me|us)\b|\bcall(?:ing)? back\b|\bget back to me\b/i;
/** A value right after 不是/not is the one being rejected. */
const REJECTED_BEFORE = /(?:不是|并非|而不是|not|isn't|wasn't|instead of)\s*(?:the\s|a\s)?$/i;

function clauseAround(text: string, index: number): string {
  let start = index;
  while (start > 0 && !CLAUSE.test(text[start - 1] ?? '')) start -= 1;
  let end = index;
  while (end < text.length && !CLAUSE.test(text[end] ?? '')) end += 1;
  return text.slice(start, end);
}

/** Runs every extractor and keeps one value per slot: the best, or the last one after a correction cue. */
export class SlotExtractorSet {
  private readonly extractors: SlotExtractor[];
  private readonly contact: CueMatcher;
  private readonly correction: CueMatcher;

  constructor(vocab: SlotVocabulary) {
    this.contact = new CueMatcher(vocab.contact);
    this.correction = new CueMatcher(vocab.correction);
    this.extractors = [
      extractMoney,
      extractAccount,
      createStaffExtractor(vocab),
      createPlaceExtractor(vocab),
      createProductExtractor(vocab),
      createDemandExtractor(vocab),
      extractContact,
      (input) => this.phones(input),
      (input) => this.times(input),
    ];
  }

  extract(input: SlotInput): SlotValues {
    const hits = this.extractors.flatMap((x) => x(input));
    const correcting = this.correction.has(input.lower, input.lang);
    const slots: SlotValues = {};
    const bySlot = new Map<SlotName, SlotHit[]>();
    for (const h of hits) bySlot.set(h.slot, [...(bySlot.get(h.slot) ?? []), h]);
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

  /** A phone goes to contact_phone when said as a contact or asked for; else, near charge words, to account. */
  private phones(input: SlotInput): SlotHit[] {
    const lastBot =
      [...input.context.history]
        .reverse()
        .find((t) => t.from === 'bot')
        ?.text.toLowerCase() ?? '';
    const botAskedContact =
      this.contact.has(lastBot, 'zh') ||
      this.contact.has(lastBot, 'en') ||
      /联系|电话|phone|contact/.test(lastBot);
    return findPhones(input).map((h) => {
      const clause = clauseAround(input.text, h.index);
      if (CONTACT_VERB.test(clause) || botAskedContact) return h;
      return ACCOUNT_CUE.test(clause) ? { ...h, slot: 'account' } : h;
    });
  }

  /**
   * Times said with a contact wish ("下午三点后联系我", "call me after 5pm") are contact_time; any
   * other time is when something happened, which cannot be after now ("三天内给我答复" is none).
   */
  private times(input: SlotInput): SlotHit[] {
    return findTimes(input).flatMap(({ future, ...h }): SlotHit[] => {
      if (!this.isContactClause(input, h.index)) return future ? [] : [h];
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
