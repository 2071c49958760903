import { useState } from 'preact/hooks';
import type { Failure } from '../i18n/dictionary.js';
import type { ConsoleLabels } from '../i18n/labels.js';
import { ApiError, type ConsoleApi, type TicketRow } from './api.js';
import { TicketRows } from './customer-panel.js';
import { ErrorLine } from './text.js';

/** Finds tickets by number or phone in the system of record; a bad term is said beside the box. */
export function TicketSearch(props: { api: ConsoleApi; labels: ConsoleLabels }) {
  const { labels } = props;
  const t = labels.text;
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<TicketRow[]>();
  const [failure, setFailure] = useState<Failure>();
  const search = async (): Promise<void> => {
    if (q.trim() === '') return;
    try {
      setRows(await props.api.search(q.trim()));
      setFailure(undefined);
    } catch (error) {
      setRows(undefined);
      setFailure(error instanceof ApiError ? error.failure : 'unknown');
    }
  };
  return (
    <section class="search" aria-label={t.search.label}>
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          void search();
        }}
      >
        <input
          type="search"
          name="q"
          class="search-input"
          aria-label={t.search.label}
          placeholder={t.search.label}
          value={q}
          onInput={(event) => setQ(event.currentTarget.value)}
        />
        <button type="submit">{t.search.submit}</button>
      </form>
      <ErrorLine
        class="search-error"
        message={failure === undefined ? undefined : t.failures[failure]}
      />
      {rows === undefined ? null : rows.length === 0 ? (
        <p class="muted search-none">{t.search.none}</p>
      ) : (
        <div class="search-results" aria-label={t.search.results}>
          <TicketRows rows={rows} labels={labels} />
        </div>
      )}
    </section>
  );
}
