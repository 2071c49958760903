import { useEffect, useState } from 'preact/hooks';
import { z } from 'zod';
import {
  AUDIT_ACTIONS,
  AUDIT_TARGETS,
  AuditEntry,
  type AuditAction,
  type AuditTarget,
} from '../../../records/audit-entry.js';
import type { Dictionary } from '../i18n/dictionary.js';
import { field, messageOf } from './form.js';
import type { PageProps } from './page.js';

const AuditPage = z.object({ items: z.array(AuditEntry), next: z.string().optional() });
const PAGE_SIZE = 50;
const FILTERS = ['actor', 'action', 'target'] as const;

type Filter = Partial<Record<(typeof FILTERS)[number] | 'from' | 'to', string>>;

/** The filter as the API's query: dates become the start of that day and of the day after. */
function query(filter: Filter, before?: string): string {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
  for (const name of FILTERS) if (filter[name]) params.set(name, filter[name]);
  if (filter.from) params.set('from', new Date(`${filter.from}T00:00:00`).toISOString());
  if (filter.to) {
    const end = new Date(`${filter.to}T00:00:00`);
    end.setDate(end.getDate() + 1);
    params.set('to', end.toISOString());
  }
  if (before !== undefined) params.set('before', before);
  return params.toString();
}

const isAction = (code: string): code is AuditAction =>
  (AUDIT_ACTIONS as readonly string[]).includes(code);
const isTarget = (code: string): code is AuditTarget =>
  (AUDIT_TARGETS as readonly string[]).includes(code);

/** An entry's action and target in the console's words; a code from an older release shows as is. */
function wordsOf(entry: AuditEntry, text: Dictionary) {
  const { actions, targets } = text.audit;
  const kinds: Readonly<Record<string, string>> = text.configEditor.kind;
  const id =
    entry.targetKind === 'config' ? (kinds[entry.targetId] ?? entry.targetId) : entry.targetId;
  return {
    action: isAction(entry.action) ? actions[entry.action] : entry.action,
    target: `${isTarget(entry.targetKind) ? targets[entry.targetKind] : entry.targetKind}${text.audit.targetSeparator}${id}`,
  };
}

/** The audit log: who did what to which record, newest first, filtered and paged. */
export function AuditLogPage(props: PageProps) {
  const t = props.labels.text.audit;
  const [filter, setFilter] = useState<Filter>({});
  const [items, setItems] = useState<AuditEntry[]>();
  const [next, setNext] = useState<string>();
  const [error, setError] = useState<string>();
  const { api } = props;
  const load = (before?: string) =>
    api.json(AuditPage, `/api/admin/audit?${query(filter, before)}`).then(
      (page) => {
        setItems((shown) =>
          before === undefined ? page.items : [...(shown ?? []), ...page.items],
        );
        setNext(page.next);
        setError(undefined);
      },
      (failure: unknown) => setError(messageOf(failure)),
    );
  // A new filter reloads from the top.
  useEffect(() => void load(), [api, filter]);
  const time = new Intl.DateTimeFormat(props.lang === 'zh' ? 'zh-CN' : 'en', {
    dateStyle: 'short',
    timeStyle: 'medium',
  });
  return (
    <div class="page audit">
      <form
        class="filters"
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          const read = (name: string) => field(data, name).trim() || undefined;
          setFilter({
            actor: read('actor'),
            action: read('action'),
            target: read('target'),
            from: read('from'),
            to: read('to'),
          });
        }}
      >
        {FILTERS.map((name) => (
          <label>
            {t[name]}
            <input name={name} autocomplete="off" />
          </label>
        ))}
        <label>
          {t.from}
          <input type="date" name="from" />
        </label>
        <label>
          {t.to}
          <input type="date" name="to" />
        </label>
        <button type="submit">{t.apply}</button>
      </form>
      {error === undefined ? null : (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <section class="card" data-section="audit">
        {items === undefined ? (
          <p class="loading">{props.labels.text.loading}</p>
        ) : items.length === 0 ? (
          <p class="empty">{t.none}</p>
        ) : (
          <div class="scroll">
            <table>
              <thead>
                <tr>
                  <th>{t.at}</th>
                  <th>{t.actor}</th>
                  <th>{t.action}</th>
                  <th>{t.target}</th>
                  <th>{t.detail}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((entry) => {
                  const words = wordsOf(entry, props.labels.text);
                  return (
                    <tr data-action={entry.action}>
                      <td class="nowrap">{time.format(new Date(entry.at))}</td>
                      <td>{entry.actor}</td>
                      <td class="action">{words.action}</td>
                      <td>{words.target}</td>
                      <td class="detail">
                        {Object.keys(entry.detail).length === 0
                          ? '—'
                          : JSON.stringify(entry.detail)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {next === undefined ? null : (
          <button type="button" class="more" onClick={() => void load(next)}>
            {t.more}
          </button>
        )}
      </section>
    </div>
  );
}
