import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js';
import type { SlotIssue } from '../../domain/analysis.js';
import type { SlotHit, SlotInput } from './slot-types.js';

/** CN mobile, optionally +86, with spaces or dashes: 138 1234 5678, +86-138-1234-5678. */
const CN_MOBILE = /(?<![\d+])(?:(?:\+|00)?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?!\d)/g;
/** CN landline with area code: 010-12345678, (021)87654321, 0755 8888 6666. */
const CN_LANDLINE = /(?<![\d+])\(?(0\d{2,3})\)?[\s-]?(\d{3,4})[\s-]?(\d{4})(?![\d])/g;
/** Hotlines: 400-123-4567, 800 810 8888. */
const CN_SERVICE = /(?<![\d])((?:400|800)[\s-]?\d{3}[\s-]?\d{4})(?!\d)/g;
/** North American: (555) 123-4567, 555-123-4567, +1 555 123 4567. */
const NANP = /(?<![\d])(?:\+?1[\s.-]?)?\(?([2-9]\d{2})\)?[\s.-]?(\d{3})[\s.-](\d{4})(?!\d)/g;
/** A mainland mobile with a digit missing or extra ("1381234567"), not part of a longer id. */
const CN_MOBILE_MALFORMED = /(?<![\dA-Za-z+])1[3-9]\d(?:\d{7}|\d{9})(?![\dA-Za-z])/g;
/** Numbers written internationally or in the region's own format: libphonenumber reads them. */
const MAY_BE_INTERNATIONAL = /\+\s?\d|\(\d|\b0\d{2,4}[\s-]?\d/;

export interface PhoneReading {
  hits: SlotHit[];
  /** Mobile-shaped numbers with the wrong digit count, for the dialog to say so. */
  issues: SlotIssue[];
}

/** Marks the characters phones have taken, so overlapping matches are checked in their own length. */
class Taken {
  private readonly mask: Uint8Array;
  constructor(length: number) {
    this.mask = new Uint8Array(length);
  }
  claim(start: number, end: number): boolean {
    for (let i = start; i < end; i += 1) if (this.mask[i] === 1) return false;
    this.mask.fill(1, start, end);
    return true;
  }
}

/**
 * Every phone number in the text, normalised to digits (mainland numbers without +86, others
 * E.164), reading foreign formats with libphonenumber in the conversation's default region
 * (slot-vocabulary `phoneRegions`: CN for zh, e.g. GB for en).
 */
export function findPhones({ text }: SlotInput, region: CountryCode): PhoneReading {
  const hits: SlotHit[] = [];
  const taken = new Taken(text.length);
  const add = (start: number, raw: string, value: string, confidence: number): void => {
    if (!taken.claim(start, start + raw.length)) return;
    hits.push({ slot: 'contact_phone', value, raw: raw.trim(), confidence, index: start });
  };
  for (const m of text.matchAll(CN_MOBILE)) add(m.index, m[0], `${m[1]}${m[2]}${m[3]}`, 0.95);
  for (const m of text.matchAll(CN_SERVICE))
    add(m.index, m[0], (m[1] ?? '').replace(/\D/g, ''), 0.85);
  if (region === 'CN') {
    for (const m of text.matchAll(CN_LANDLINE)) add(m.index, m[0], `${m[1]}${m[2]}${m[3]}`, 0.85);
  }
  if (MAY_BE_INTERNATIONAL.test(text)) {
    for (const found of findPhoneNumbersInText(text, region)) {
      const { number } = found;
      if (!number.isValid()) continue;
      const value = number.country === 'CN' ? number.nationalNumber : number.number;
      add(found.startsAt, text.slice(found.startsAt, found.endsAt), value, 0.85);
    }
  }
  for (const m of text.matchAll(NANP)) add(m.index, m[0], `+1${m[1]}${m[2]}${m[3]}`, 0.8);
  const issues: SlotIssue[] = [];
  for (const m of text.matchAll(CN_MOBILE_MALFORMED)) {
    if (!taken.claim(m.index, m.index + m[0].length)) continue;
    const problem = m[0].length < 11 ? 'phone_too_short' : 'phone_too_long';
    issues.push({ slot: 'contact_phone', problem, raw: m[0] });
  }
  return { hits: hits.sort((a, b) => a.index - b.index), issues };
}
