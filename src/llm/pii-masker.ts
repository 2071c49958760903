/** Replaces personal data with numbered placeholders before text leaves the machine, and puts it back after. */
export const PII_KINDS = ['EMAIL', 'ID', 'CARD', 'PHONE'] as const;
export type PiiKind = (typeof PII_KINDS)[number];

const NOT_ALNUM_BEFORE = '(?<![0-9A-Za-z])';
const NOT_ALNUM_AFTER = '(?![0-9A-Za-z])';

/** Ordered: the most specific shapes first, so an 18-digit id is never read as a phone. */
const PATTERNS: ReadonlyArray<{ kind: PiiKind; re: RegExp; accept?: (match: string) => boolean }> =
  [
    { kind: 'EMAIL', re: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g },
    {
      // PRC resident identity card (18 characters, checksum may be X) and US SSN.
      kind: 'ID',
      re: new RegExp(
        `${NOT_ALNUM_BEFORE}(?:[1-9]\\d{5}(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}[\\dXx]|\\d{3}-\\d{2}-\\d{4})${NOT_ALNUM_AFTER}`,
        'g',
      ),
    },
    {
      kind: 'CARD',
      re: new RegExp(`(?<![0-9A-Za-z+])\\d(?:[ -]?\\d){12,18}${NOT_ALNUM_AFTER}`, 'g'),
      accept: (match) => passesLuhn(match.replace(/\D/g, '')),
    },
    {
      // PRC mobile (+86 optional), PRC landline with area code, international "+" numbers, NANP.
      kind: 'PHONE',
      re: new RegExp(
        `${NOT_ALNUM_BEFORE}(?:(?:\\+?86[ -]?)?1[3-9]\\d[ -]?\\d{4}[ -]?\\d{4}|0\\d{2,3}-\\d{7,8}|\\+\\d{1,3}[ -]?\\d(?:[ -]?\\d){6,13}|\\(?\\d{3}\\)?[ .-]\\d{3}[ .-]\\d{4})${NOT_ALNUM_AFTER}`,
        'g',
      ),
    },
  ];

const PLACEHOLDER = new RegExp(`\\[(?:${PII_KINDS.join('|')})_\\d+\\]`, 'g');

/** One masker per LLM call: the same value gets the same placeholder across all messages of that call. */
export class PiiMasker {
  private readonly placeholderOf = new Map<string, string>();
  private readonly originalOf = new Map<string, string>();
  private readonly counters = new Map<PiiKind, number>();

  /** How many distinct values were masked so far. */
  get maskedCount(): number {
    return this.originalOf.size;
  }

  mask(text: string): string {
    let out = text;
    for (const { kind, re, accept } of PATTERNS) {
      out = out.replace(re, (match) =>
        accept && !accept(match) ? match : this.placeholderFor(kind, match),
      );
    }
    return out;
  }

  /** Puts the original values back into text the model produced. Unknown placeholders stay as they are. */
  restore(text: string): string {
    return text.replace(
      PLACEHOLDER,
      (placeholder) => this.originalOf.get(placeholder) ?? placeholder,
    );
  }

  /** restore() applied to every string inside parsed JSON. */
  restoreDeep(value: unknown): unknown {
    if (typeof value === 'string') return this.restore(value);
    if (Array.isArray(value)) return value.map((item) => this.restoreDeep(item));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [key, this.restoreDeep(item)]),
      );
    }
    return value;
  }

  private placeholderFor(kind: PiiKind, original: string): string {
    const known = this.placeholderOf.get(original);
    if (known) return known;
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    const placeholder = `[${kind}_${n}]`;
    this.placeholderOf.set(original, placeholder);
    this.originalOf.set(placeholder, original);
    return placeholder;
  }
}

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
