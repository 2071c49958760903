/**
 * Characters that show nothing on their own: controls (Cc), format characters (Cf: zero-width
 * space/joiners, bidi marks, BOM), separators and whitespace, variation selectors, and the blank
 * look-alikes (Hangul fillers, braille blank) used to fake a non-empty message.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Z}\s\uFE00-\uFE0F\u115F\u1160\u3164\uFFA0\u2800]/gu;

/** Whether a message has nothing a person could read, so it counts as `empty`. */
export function isBlank(text: string): boolean {
  return text.replace(INVISIBLE, '') === '';
}
