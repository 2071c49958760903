import { useEffect, useState } from 'preact/hooks';
import type { FollowUp } from '../../../handoff/follow-up.js';
import type { Failure } from '../i18n/dictionary.js';
import type { ConsoleLabels } from '../i18n/labels.js';
import { ApiError, type ConsoleApi } from './api.js';
import { ErrorLine } from './text.js';

/**
 * 今日回访: the agent's follow-ups due today (`GET /api/agent/follow-ups?due=today`), each with
 * done and unreachable buttons. `refresh` changes when a `handoff:alert` follow_up arrives.
 */
export function FollowUpList(props: {
  api: ConsoleApi;
  labels: ConsoleLabels;
  refresh: number;
  onUnauthorized: () => void;
}) {
  const { api, labels } = props;
  const t = labels.text;
  const f = t.attention.followUps;
  const [items, setItems] = useState<readonly FollowUp[]>([]);
  const [failure, setFailure] = useState<Failure>();
  const failed = (error: unknown): void => {
    if (error instanceof ApiError && error.failure === 'unauthorized')
      return props.onUnauthorized();
    setFailure(error instanceof ApiError ? error.failure : 'unknown');
  };

  useEffect(() => {
    api.followUpsToday().then((due) => {
      setItems(due);
      setFailure(undefined);
    }, failed);
  }, [api, props.refresh]);

  const record = (id: string, status: 'done' | 'unreachable'): void => {
    api.followUpOutcome(id, status).then(() => {
      setItems((current) => current.filter((item) => item.id !== id));
      setFailure(undefined);
    }, failed);
  };

  return (
    <section class="follow-ups" aria-labelledby="follow-ups-heading">
      <h2 id="follow-ups-heading">
        {f.heading}
        {items.length > 0 ? <span class="badge">{items.length}</span> : null}
      </h2>
      {items.length === 0 ? (
        <p class="muted">{f.none}</p>
      ) : (
        <ul class="follow-up-list">
          {items.map((item) => (
            <li key={item.id} class="follow-up" data-id={item.id}>
              <strong>{item.ticketId}</strong>
              <span class="muted">
                {f.due}
                {t.separator}
                <time dateTime={item.dueAt}>{labels.time(item.dueAt)}</time>
              </span>
              <span class="follow-up-actions">
                <button
                  type="button"
                  class="follow-up-done"
                  aria-label={`${f.done} ${item.ticketId}`}
                  onClick={() => record(item.id, 'done')}
                >
                  {f.done}
                </button>
                <button
                  type="button"
                  class="follow-up-unreachable"
                  aria-label={`${f.unreachable} ${item.ticketId}`}
                  onClick={() => record(item.id, 'unreachable')}
                >
                  {f.unreachable}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <ErrorLine class="follow-up-error" message={failure && t.failures[failure]} />
    </section>
  );
}
