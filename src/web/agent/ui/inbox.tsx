import { useEffect, useRef, useState } from 'preact/hooks';
import {
  INBOX_SORTS,
  INBOX_VIEWS,
  type InboxCounts,
  type InboxItem,
  type InboxSort,
  type InboxView,
} from '../../../handoff/inbox.js';
import { RESOLUTION_CODES, type Failure, type ResolutionCode } from '../i18n/dictionary.js';
import type { ConsoleLabels } from '../i18n/labels.js';
import { ApiError, type ConsoleApi } from './api.js';
import { clock } from './attention.js';
import { LabelChips } from './label-chips.js';
import { ErrorLine, Isolated, classes } from './text.js';

/** Refetch at least this often, so counts stay right even if an event was missed. */
const REFRESH_MS = 30_000;
/** Events arriving together cause one refetch. */
const SETTLE_MS = 150;

const SORT_KEY = 'qingting.agent.inboxSort';

const isResolution = (code: string): code is ResolutionCode =>
  (RESOLUTION_CODES as readonly string[]).includes(code);

/** Re-renders every second, for the wait clocks. */
function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

type Loaded = { items: InboxItem[]; counts: InboxCounts; next?: string; receivedAt: number };

/**
 * The left column: 排队中 / 我的 / 我的组 / 全部进行中 / 已关闭 with counts, sorted by priority or
 * wait, filtered by a label. It refetches `GET /api/agent/inbox` whenever `refresh` changes (the
 * workspace bumps it on socket events) and every half minute.
 */
export function Inbox(props: {
  api: ConsoleApi;
  labels: ConsoleLabels;
  refresh: number;
  errors: Readonly<Record<string, Failure>>;
  onClaim: (id: string) => void;
  onOpen: (id: string) => void;
  onUnauthorized: () => void;
}) {
  const { labels, api } = props;
  const t = labels.text;
  const w = t.inbox;
  const [view, setView] = useState<InboxView>('queue');
  const [sort, setSort] = useState<InboxSort>(() =>
    localStorage.getItem(SORT_KEY) === 'wait' ? 'wait' : 'priority',
  );
  const [label, setLabel] = useState<string>();
  const [draft, setDraft] = useState('');
  const [loaded, setLoaded] = useState<Loaded>();
  const [failure, setFailure] = useState<Failure>();
  const [tick, setTick] = useState(0);
  const asked = useRef(0);
  const now = useNow();

  const failed = (error: unknown): void => {
    if (error instanceof ApiError && error.failure === 'unauthorized')
      return props.onUnauthorized();
    setFailure(error instanceof ApiError ? error.failure : 'unknown');
  };

  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    const request = ++asked.current;
    const timer = setTimeout(() => {
      api.inbox({ view, sort, ...(label === undefined ? {} : { label }) }).then((page) => {
        // An answer to an older question (another view, filter) must not overwrite a newer one.
        if (request !== asked.current) return;
        setLoaded({ ...page, receivedAt: Date.now() });
        setFailure(undefined);
      }, failed);
    }, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [view, sort, label, props.refresh, tick]);

  const more = (): void => {
    const cursor = loaded?.next;
    if (cursor === undefined) return;
    const request = asked.current;
    api.inbox({ view, sort, cursor, ...(label === undefined ? {} : { label }) }).then((page) => {
      if (request !== asked.current) return;
      setLoaded((current) => ({
        ...page,
        items: [...(current?.items ?? []), ...page.items],
        receivedAt: current?.receivedAt ?? Date.now(),
      }));
    }, failed);
  };

  const filter = (next: string | undefined): void => {
    setLabel(next);
    setDraft(next ?? '');
  };

  return (
    <div class="inbox">
      <nav class="inbox-views" aria-label={w.heading}>
        {INBOX_VIEWS.map((name) => (
          <button
            type="button"
            key={name}
            class={classes('inbox-view', `view-${name}`, name === view && 'active')}
            aria-pressed={name === view}
            onClick={() => setView(name)}
          >
            {w.views[name]}
            <span class="count">{loaded?.counts[name] ?? '…'}</span>
          </button>
        ))}
      </nav>
      <div class="inbox-tools">
        <label>
          {w.sort}
          <select
            class="inbox-sort"
            value={sort}
            disabled={view === 'closed'}
            onChange={(event) => {
              const next = event.currentTarget.value === 'wait' ? 'wait' : 'priority';
              localStorage.setItem(SORT_KEY, next);
              setSort(next);
            }}
          >
            {INBOX_SORTS.map((name) => (
              <option key={name} value={name}>
                {w.sorts[name]}
              </option>
            ))}
          </select>
        </label>
        <form
          class="inbox-filter"
          onSubmit={(event) => {
            event.preventDefault();
            const next = draft.trim();
            filter(next === '' ? undefined : next.slice(0, 32));
          }}
        >
          <input
            class="label-filter-input"
            aria-label={w.filter}
            placeholder={w.filterPlaceholder}
            value={draft}
            onInput={(event) => setDraft(event.currentTarget.value)}
          />
          <button type="submit" class="apply-filter">
            {w.applyFilter}
          </button>
        </form>
      </div>
      {label === undefined ? null : (
        <p class="filtered">
          <Isolated text={w.filteredBy.replace('{label}', label)} />
          <button type="button" class="clear-filter" onClick={() => filter(undefined)}>
            {w.clearFilter}
          </button>
        </p>
      )}
      <ErrorLine
        class="inbox-error"
        message={failure === undefined ? undefined : t.failures[failure]}
      />
      <ol class="queue inbox-list" aria-label={w.views[view]}>
        {loaded !== undefined && loaded.items.length === 0 ? (
          <li class="empty">{w.empty}</li>
        ) : null}
        {(loaded?.items ?? []).map((item) => (
          <InboxRow
            key={item.id}
            item={item}
            labels={labels}
            waited={item.waitingSeconds + (now - (loaded?.receivedAt ?? now)) / 1000}
            error={props.errors[item.id]}
            onClaim={props.onClaim}
            onOpen={props.onOpen}
            onFilter={filter}
            mine={view === 'mine'}
          />
        ))}
      </ol>
      {loaded?.next === undefined ? null : (
        <button type="button" class="inbox-more" onClick={more}>
          {w.more}
        </button>
      )}
    </div>
  );
}

function InboxRow(props: {
  item: InboxItem;
  labels: ConsoleLabels;
  waited: number;
  error: Failure | undefined;
  mine: boolean;
  onClaim: (id: string) => void;
  onOpen: (id: string) => void;
  onFilter: (label: string) => void;
}) {
  const { item, labels } = props;
  const t = labels.text;
  const w = t.inbox;
  const s = item.summary;
  const closed = item.state === 'closed';
  return (
    <li class={classes('case', s.severity, item.state)} data-id={item.id}>
      <strong>
        {labels.severity(s.severity)} · {s.ticketId}
      </strong>
      {closed ? (
        <span class="closed-at">
          {w.closedAt}
          {t.separator}
          {item.closedAt === undefined ? t.none : labels.time(item.closedAt)}
        </span>
      ) : (
        <span
          class="priority"
          title={t.priorityExplained.replace('{minutes}', String(Math.round(item.priority)))}
        >
          {t.fields.priority}
          {t.separator}
          {t.urgency[labels.urgency(item.priority)]}
        </span>
      )}
      {closed ? null : (
        <span class="waiting">
          {t.fields.waiting} {clock(props.waited)}
        </span>
      )}
      <span class={`emotion ${s.emotion.current.emotion}`}>
        {t.fields.emotion}
        {t.separator}
        {labels.emotion(s.emotion.current)}
      </span>
      <span class="category">
        {t.fields.category}
        {t.separator}
        {labels.category(s.category)}
      </span>
      {item.agent === undefined ? null : (
        <span class="owner">
          {w.owner}
          {t.separator}
          <Isolated text={item.agent} />
        </span>
      )}
      {item.waiting === 'customer' ? (
        <span class="waiting-customer">{w.waitingCustomer}</span>
      ) : null}
      {item.resolution === undefined ? null : (
        <span class="resolution-done">
          {w.resolution}
          {t.separator}
          {isResolution(item.resolution) ? t.resolutions[item.resolution] : w.otherResolution}
        </span>
      )}
      {item.followUpDue === undefined ? null : (
        <span class="follow-up-due">
          {w.followUpDue.replace('{time}', labels.time(item.followUpDue))}
        </span>
      )}
      <Isolated class="demand" text={s.demand ?? labels.category(s.category)} />
      <div class="row-labels">
        <LabelChips labels={item.labels} words={labels} onFilter={props.onFilter} />
      </div>
      {item.state === 'queued' ? (
        <button type="button" class="claim" onClick={() => props.onClaim(item.id)}>
          {t.claim}
        </button>
      ) : props.mine ? (
        <button type="button" class="claim open-case" onClick={() => props.onOpen(item.id)}>
          {w.open}
        </button>
      ) : null}
      <ErrorLine
        class="claim-error"
        message={props.error === undefined ? undefined : t.failures[props.error]}
      />
    </li>
  );
}
