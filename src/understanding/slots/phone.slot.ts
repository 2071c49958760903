import {
  getExampleNumber,
  parsePhoneNumberFromString,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js';
import mobileExamples from 'libphonenumber-js/mobile/examples';
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
/** A mainland mobile with a digit or two missing or extra ("1381234567"), not part of a longer id. */
const CN_MOBILE_MALFORMED = /(?<![\dA-Za-z+])1[3-9]\d(?:\d{6,7}|\d{9,10})(?![\dA-Za-z])/g;
/** Candidates libphonenumber reads: +country numbers, and (outside CN) the region's own 0… format. */
const INTERNATIONAL = /(?<![\d+])\+\s?\d(?:[\s().-]{0,2}\d){6,16}(?!\d)/g;
const NATIONAL = /(?<![\d+])\(?0\d(?:[\s().-]{0,2}\d){7,12}(?!\d)/g;

type Shape = 'ok' | 'phone_too_short' | 'phone_too_long' | 'phone_invalid';

/**
 * libphonenumber accepts a valid number; a possible one (reserved ranges such as 07700 900xxx)
 * passes when it has a mobile's length; otherwise a mobile-looking number says which way it is off.
 */
function shapeOf(number: PhoneNumber): Shape {
  if (number.isValid()) return 'ok';
  const country = number.country ?? number.getPossibleCountries()[0];
  const example = country === undefined ? undefined : getExampleNumber(country, mobileExamples);
  const national = number.nationalNumber;
  if (example === undefined || national[0] !== example.nationalNumber[0]) {
    return number.isPossible() ? 'ok' : 'phone_invalid';
  }
  const want = example.nationalNumber.length;
  return national.length < want
    ? 'phone_too_short'
    : national.length > want
      ? 'phone_too_long'
      : 'ok';
}

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
  const issues: SlotIssue[] = [];
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
  for (const re of region === 'CN' ? [INTERNATIONAL] : [INTERNATIONAL, NATIONAL]) {
    for (const m of text.matchAll(re)) {
      const number = parsePhoneNumberFromString(m[0], region);
      if (number === undefined) continue;
      const shape = shapeOf(number);
      if (shape !== 'ok') {
        if (taken.claim(m.index, m.index + m[0].length)) {
          issues.push({ slot: 'contact_phone', problem: shape, raw: m[0] });
        }
        continue;
      }
      const value = number.country === 'CN' ? number.nationalNumber : number.number;
      add(m.index, m[0], value, number.isValid() ? 0.85 : 0.7);
    }
  }
  for (const m of text.matchAll(NANP)) add(m.index, m[0], `+1${m[1]}${m[2]}${m[3]}`, 0.8);
  for (const m of text.matchAll(CN_MOBILE_MALFORMED)) {
    if (!taken.claim(m.index, m.index + m[0].length)) continue;
    const problem = m[0].length < 11 ? 'phone_too_short' : 'phone_too_long';
    issues.push({ slot: 'contact_phone', problem, raw: m[0] });
  }
  return { hits: hits.sort((a, b) => a.index - b.index), issues };
}
