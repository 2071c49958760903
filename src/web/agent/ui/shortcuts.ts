/**
 * The console's keyboard shortcuts (issue 15 §6), as pure key matching so they can be tested
 * without a page. Alt+letter shortcuts are matched on `code` (the physical key), because on a Mac
 * Alt turns the letter into another character. They work from a text box too, since Alt never
 * types there; `?` only outside one, where it would otherwise be typed. `/` is left alone: in the
 * reply box it opens the canned responses. Enter sends in the reply box (case-view.tsx) and is
 * listed here only for the help overlay.
 */
export const SHORTCUT_NAMES = [
  'nextCase',
  'previousCase',
  'claim',
  'reply',
  'note',
  'closeCase',
  'search',
  'send',
  'help',
  'escape',
] as const;
export type ShortcutName = (typeof SHORTCUT_NAMES)[number];

/** What the help overlay shows for each key; language-neutral key caps. */
export const SHORTCUT_KEYS: Readonly<Record<ShortcutName, string>> = {
  nextCase: 'Alt+↓',
  previousCase: 'Alt+↑',
  claim: 'Alt+C',
  reply: 'Alt+R',
  note: 'Alt+N',
  closeCase: 'Alt+K',
  search: 'Alt+S',
  send: '↵',
  help: '?',
  escape: 'Esc',
};

const ALT_CODES: Readonly<Record<string, ShortcutName>> = {
  ArrowDown: 'nextCase',
  ArrowUp: 'previousCase',
  KeyC: 'claim',
  KeyR: 'reply',
  KeyN: 'note',
  KeyK: 'closeCase',
  KeyS: 'search',
};

export type KeyPress = Pick<
  KeyboardEvent,
  'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'isComposing'
>;

/** The shortcut a key press means, if any; `inTextBox`: the focus is where text is typed. */
export function shortcutOf(press: KeyPress, inTextBox: boolean): ShortcutName | undefined {
  if (press.isComposing || press.ctrlKey || press.metaKey) return undefined;
  if (press.altKey) return press.shiftKey ? undefined : ALT_CODES[press.code];
  if (press.key === 'Escape') return 'escape';
  if (press.key === '?' && !inTextBox) return 'help';
  return undefined;
}

/** Whether the element takes typed text (where `?` must stay a character). */
export function isTextBox(element: Element | null): boolean {
  if (element === null) return false;
  if (element instanceof HTMLTextAreaElement) return true;
  if (element instanceof HTMLInputElement)
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(element.type);
  return element instanceof HTMLElement && element.isContentEditable;
}

/** The case after (step 1) or before (step −1) the active one, wrapping; undefined with none open. */
export function caseAfter(
  ids: readonly string[],
  active: string | undefined,
  step: 1 | -1,
): string | undefined {
  if (ids.length === 0) return undefined;
  const at = active === undefined ? -1 : ids.indexOf(active);
  if (at === -1) return step === 1 ? ids[0] : ids[ids.length - 1];
  return ids[(at + step + ids.length) % ids.length];
}
