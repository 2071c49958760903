/** Explicit bidi formatting characters: embeddings and overrides (U+202A–202E), isolates (U+2066–2069). */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

/**
 * Customer words quoted inside other text (a restatement, a suggested reply): when they carry bidi
 * controls they are closed in their own first-strong isolate (U+2068 … U+2069), whose end terminates
 * any override left open in them, so they cannot reverse the words that follow. Other text is as is.
 */
export function quoteIsolated(text: string): string {
  return BIDI_CONTROLS.test(text) ? `\u2068${text}\u2069` : text;
}
