import { useState } from 'preact/hooks';
import { MAX_LABELS } from '../../../handoff/handoff.js';
import type { ConsoleLabels } from '../i18n/labels.js';
import { ApiError, type ConsoleApi } from './api.js';
import { ErrorLine, Isolated } from './text.js';

/** A case's labels as chips; in a row a chip filters the inbox by its label. */
export function LabelChips(props: {
  labels: readonly string[];
  words: ConsoleLabels;
  onFilter?: (label: string) => void;
  onRemove?: (label: string) => void;
}) {
  const t = props.words.text.inbox.labels;
  if (props.labels.length === 0) return null;
  return (
    <ul class="label-chips" aria-label={t.heading}>
      {props.labels.map((label) => (
        <li key={label} class="label-chip">
          {props.onFilter === undefined ? (
            <Isolated text={label} />
          ) : (
            <button
              type="button"
              class="label-filter"
              title={t.filterBy.replace('{label}', label)}
              aria-label={t.filterBy.replace('{label}', label)}
              onClick={() => props.onFilter?.(label)}
            >
              <Isolated text={label} />
            </button>
          )}
          {props.onRemove === undefined ? null : (
            <button
              type="button"
              class="label-remove"
              aria-label={t.remove.replace('{label}', label)}
              title={t.remove.replace('{label}', label)}
              onClick={() => props.onRemove?.(label)}
            >
              ×
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

type LabelError = 'tooMany' | 'tooLong' | 'failed';

/**
 * The case view's labels: remove with ×, add by typing. What is shown comes from the case (kept
 * current by `handoff:marked`), so every console agrees; errors stay here until the next success.
 */
export function LabelEditor(props: {
  id: string;
  labels: readonly string[];
  words: ConsoleLabels;
  api: ConsoleApi;
  onUnauthorized: () => void;
}) {
  const t = props.words.text;
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<LabelError>();
  const [failure, setFailure] = useState<string>();

  const change = async (body: { add?: string[]; remove?: string[] }): Promise<boolean> => {
    try {
      await props.api.labels(props.id, body);
      setError(undefined);
      setFailure(undefined);
      return true;
    } catch (caught) {
      if (caught instanceof ApiError && caught.failure === 'unauthorized') props.onUnauthorized();
      else if (caught instanceof ApiError && caught.status === 422) setError('tooMany');
      else {
        setError('failed');
        setFailure(t.failures[caught instanceof ApiError ? caught.failure : 'unknown']);
      }
      return false;
    }
  };
  const add = async (): Promise<void> => {
    const label = draft.trim();
    if (label.length === 0 || label.length > 32) return setError('tooLong');
    if (!props.labels.includes(label) && props.labels.length >= MAX_LABELS)
      return setError('tooMany');
    if (await change({ add: [label] })) setDraft('');
  };
  const message =
    error === undefined ? undefined : error === 'failed' ? failure : t.inbox.labels[error];
  return (
    <div class="label-editor">
      <h4>{t.inbox.labels.heading}</h4>
      {props.labels.length === 0 ? <p class="muted">{t.inbox.labels.none}</p> : null}
      <LabelChips
        labels={props.labels}
        words={props.words}
        onRemove={(label) => void change({ remove: [label] })}
      />
      <form
        class="row"
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <input
          class="label-input"
          aria-label={t.inbox.labels.placeholder}
          placeholder={t.inbox.labels.placeholder}
          maxLength={40}
          value={draft}
          onInput={(event) => setDraft(event.currentTarget.value)}
        />
        <button type="submit" class="label-add">
          {t.inbox.labels.add}
        </button>
      </form>
      <ErrorLine class="label-error" message={message} />
    </div>
  );
}
