import type { CannedResponse } from '../../../handoff/canned-response.js';
import type { ConsoleLabels } from '../i18n/labels.js';
import { Isolated } from './text.js';

/** The `/` list under the reply box; admin-written text in isolates, the highlighted one marked for screen readers. */
export function CannedPicker(props: {
  matches: readonly CannedResponse[];
  selected: number;
  labels: ConsoleLabels;
  /** The text as it would be inserted, placeholders filled. */
  preview: (text: string) => string;
  onPick: (response: CannedResponse) => void;
}) {
  const t = props.labels.text.canned;
  return (
    <div class="canned">
      <p class="canned-heading">{t.heading}</p>
      {props.matches.length === 0 ? (
        <p class="canned-none">{t.none}</p>
      ) : (
        <ul role="listbox" aria-label={t.heading}>
          {props.matches.map((response, i) => (
            <li
              key={response.id}
              role="option"
              aria-selected={i === props.selected}
              class={i === props.selected ? 'selected' : undefined}
              onMouseDown={(event) => {
                event.preventDefault();
                props.onPick(response);
              }}
            >
              <Isolated class="canned-shortcut" text={response.shortcut} />
              <Isolated class="canned-title" text={response.title} />
              <Isolated class="canned-text" text={props.preview(response.text)} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
