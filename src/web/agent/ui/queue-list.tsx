import { useEffect, useState } from 'preact/hooks';
import type { QueueItem } from '../../../handoff/agent-events.js';
import type { Failure } from '../i18n/dictionary.js';
import type { ConsoleLabels } from '../i18n/labels.js';
import { clock } from './attention.js';
import { SlaCountdown } from './sla-countdown.js';
import { ErrorLine, Isolated } from './text.js';

/** A queued case and when this console learnt of it, so its wait keeps counting. */
export type QueuedCase = { item: QueueItem; receivedAt: number };

/** Re-renders every second, for the wait clocks. */
function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** The waiting cases, most urgent first, each with its claim button and its own claim error. */
export function QueueList(props: {
  cases: readonly QueuedCase[];
  labels: ConsoleLabels;
  errors: Readonly<Record<string, Failure>>;
  onClaim: (id: string) => void;
}) {
  const { labels } = props;
  const t = labels.text;
  const now = useNow();
  const rows = [...props.cases].sort((a, b) => b.item.priority - a.item.priority);
  if (rows.length === 0)
    return (
      <ol class="queue">
        <li class="empty">{t.empty}</li>
      </ol>
    );
  return (
    <ol class="queue">
      {rows.map(({ item, receivedAt }) => {
        const s = item.summary;
        const waited = item.waitingSeconds + (now - receivedAt) / 1000;
        const error = props.errors[item.id];
        return (
          <li key={item.id} class={`case ${s.severity}`} data-id={item.id}>
            <strong>
              {labels.severity(s.severity)} · {s.ticketId}
            </strong>
            <span
              class="priority"
              title={t.priorityExplained.replace('{minutes}', String(Math.round(item.priority)))}
            >
              {t.fields.priority}
              {t.separator}
              {t.urgency[labels.urgency(item.priority)]}
            </span>
            <span class="waiting">
              {t.fields.waiting} {clock(waited)}
            </span>
            <SlaCountdown dueAt={item.slaDueAt} minutes={item.slaMinutes} labels={labels} />
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
            {s.flags.length > 0 ? (
              <span class="flags">
                {t.fields.flags}
                {t.separator}
                {labels.list(s.flags.map(labels.flag))}
              </span>
            ) : null}
            <Isolated class="demand" text={s.demand ?? labels.category(s.category)} />
            <button
              type="button"
              class="claim"
              aria-label={`${t.claim} ${s.ticketId}`}
              onClick={() => props.onClaim(item.id)}
            >
              {t.claim}
            </button>
            <ErrorLine
              class="claim-error"
              message={error === undefined ? undefined : t.failures[error]}
            />
          </li>
        );
      })}
    </ol>
  );
}
