import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * A phone number as stored and searched: E.164 digits without the "+" (CN when no country code),
 * or undefined when the text is not a plausible number. One normal form, so "138-0013-8000",
 * "+86 13800138000" and "13800138000" find each other.
 */
export function normalisePhone(text: string): string | undefined {
  const parsed = parsePhoneNumberFromString(text, 'CN');
  if (parsed?.isPossible() !== true) return undefined;
  return parsed.number.slice(1);
}

/** Shown in lists: the country code, the first three and the last four digits. */
export function maskPhone(normalised: string): string {
  if (normalised.length <= 7) return '*'.repeat(normalised.length);
  return `${normalised.slice(0, -8)}****${normalised.slice(-4)}`;
}
