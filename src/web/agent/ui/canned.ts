import type { CannedResponse } from '../../../handoff/canned-response.js';

/** The words after `/` while the whole draft is one shortcut being typed; else undefined. */
export function shortcutTyped(draft: string): string | undefined {
  return /^\/\S*$/u.test(draft) ? draft.slice(1).toLowerCase() : undefined;
}

/** Canned responses whose shortcut, title or text holds the typed words, shortcut matches first. */
export function matchCanned(all: readonly CannedResponse[], words: string): CannedResponse[] {
  const has = (field: string): boolean => field.toLowerCase().includes(words);
  const byShortcut = all.filter((r) => has(r.shortcut.slice(1)));
  const byText = all.filter((r) => !byShortcut.includes(r) && (has(r.title) || has(r.text)));
  return [...byShortcut, ...byText];
}

/** `{ticketId}` and `{name}` filled from the case; other braces stay as written. */
export function fillPlaceholders(text: string, values: { ticketId: string; name: string }): string {
  return text.replaceAll('{ticketId}', values.ticketId).replaceAll('{name}', values.name);
}
