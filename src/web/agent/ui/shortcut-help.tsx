import { useEffect, useRef } from 'preact/hooks';
import type { ConsoleLabels } from '../i18n/labels.js';
import { SHORTCUT_KEYS, SHORTCUT_NAMES } from './shortcuts.js';

/** The `?` overlay listing every shortcut; Esc or the close button hides it and focus goes back. */
export function ShortcutHelp(props: { labels: ConsoleLabels; onClose: () => void }) {
  const t = props.labels.text.attention.shortcuts;
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement;
    closeButton.current?.focus();
    return () => {
      if (before instanceof HTMLElement) before.focus();
    };
  }, []);
  return (
    <div class="overlay" onClick={props.onClose}>
      <div
        class="shortcut-help"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcut-help-heading"
        onClick={(event) => event.stopPropagation()}
      >
        <h2 id="shortcut-help-heading">{t.heading}</h2>
        <dl>
          {SHORTCUT_NAMES.map((name) => (
            <div key={name} class="shortcut">
              <dt>
                <kbd>{SHORTCUT_KEYS[name]}</kbd>
              </dt>
              <dd>{t.keys[name]}</dd>
            </div>
          ))}
        </dl>
        <button type="button" class="shortcut-help-close" ref={closeButton} onClick={props.onClose}>
          {t.close}
        </button>
      </div>
    </div>
  );
}
