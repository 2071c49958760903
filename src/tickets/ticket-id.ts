import { randomBytes } from 'node:crypto';
import { localDay } from '../domain/wall-clock.js';

export const DEFAULT_TICKET_TIME_ZONE = 'Asia/Shanghai';

/** The calendar day of `at` in `timeZone` as yyyymmdd: ticket counters restart each local day. */
export function ticketDay(at: Date, timeZone: string): string {
  return localDay(at, timeZone).replaceAll('-', '');
}

/** Crockford base32: digits and capitals without I, L, O, U, so a number read aloud is unambiguous. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Random characters per id: 32^5 ≈ 33.5 million per day, so ids say nothing of daily volume. */
const RANDOM_CHARS = 5;

/** Multiplication by x in GF(32) modulo x^5 + x^2 + 1. */
const timesX = (value: number): number => (value & 16 ? (value << 1) ^ 0x25 : value << 1);

/**
 * Damm's check over the totally anti-symmetric quasigroup a∘b = x·a + b in GF(32): every single
 * mistyped character and every swap of two neighbours changes it, so a typo is caught before the
 * store is asked.
 */
function checkCharacter(payload: string): string {
  let interim = 0;
  for (const char of payload) interim = timesX(interim) ^ ALPHABET.indexOf(char);
  return ALPHABET.charAt(timesX(interim));
}

/**
 * `Q20261202-7KX3FC`: the filing day, five random Crockford characters and a check character — short
 * enough to read over the phone, not guessable in sequence. `random` yields bytes (tests pin it).
 */
export function newTicketId(
  day: string,
  random: (size: number) => Uint8Array = randomBytes,
): string {
  const bytes = random(RANDOM_CHARS);
  let part = '';
  for (let i = 0; i < RANDOM_CHARS; i += 1) part += ALPHABET.charAt((bytes[i] ?? 0) % 32);
  return `Q${day}-${part}${checkCharacter(day + part)}`;
}

/** A ticket number as a customer may type it: any case or width, dash or space optional, Crockford's I/L/O read as 1/1/0. */
const TYPED_NUMBER = /Q(\d{8})[-\s]?([0-9A-Z]{6}|\d{4,5})(?![0-9A-Z])/i;

export interface TypedTicketNumber {
  /** Canonical form, e.g. `Q20261202-7KX3FC` (what the stores key by). */
  id: string;
  /** False when the check character does not match: a typo, not worth a lookup. */
  valid: boolean;
}

/** The first ticket number in a message; older sequential ids (`Q20261125-0042`) still read as valid. */
export function typedTicketNumber(text: string): TypedTicketNumber | undefined {
  // Full-width forms from a Chinese IME (Ｑ２０２６…－７ＫＸ…) read as their ASCII selves.
  const match = TYPED_NUMBER.exec(text.normalize('NFKC'));
  if (!match) return undefined;
  const [, day = '', typed = ''] = match;
  const suffix = typed.toUpperCase().replace(/[IL]/g, '1').replace(/O/g, '0');
  const id = `Q${day}-${suffix}`;
  if (/^\d{4,5}$/.test(suffix)) return { id, valid: true };
  const valid =
    !suffix.includes('U') && checkCharacter(day + suffix.slice(0, -1)) === suffix.slice(-1);
  return { id, valid };
}
