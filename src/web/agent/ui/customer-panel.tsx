import { useEffect, useState } from 'preact/hooks';
import type { HandoffSummary } from '../../../handoff/summary/summary.schema.js';
import type { ConsoleLabels } from '../i18n/labels.js';
import type { ConsoleApi, CustomerHistory, TicketRow } from './api.js';
import { Field, Isolated } from './text.js';

/** Ticket rows as the console lists them: number, status and category in words, and when. */
export function TicketRows(props: { rows: readonly TicketRow[]; labels: ConsoleLabels }) {
  const { labels } = props;
  return (
    <ul class="tickets">
      {props.rows.map((row) => (
        <li key={row.id} data-ticket={row.id}>
          <strong>{row.id}</strong> · {labels.text.ticketStatus[row.status]} ·{' '}
          {labels.category(row.category)} · {labels.channel(row.channel)} ·{' '}
          {labels.time(row.createdAt)}
          {row.event === undefined ? null : <Isolated class="event" text={row.event} />}
        </li>
      ))}
    </ul>
  );
}

/**
 * Who the customer is and what they had before (Chatwoot's contact panel): contact and channel
 * from the summary, earlier tickets and conversations on any channel from the system of record.
 */
export function CustomerPanel(props: {
  summary: HandoffSummary;
  labels: ConsoleLabels;
  api: ConsoleApi;
}) {
  const { summary: s, labels, api } = props;
  const t = labels.text.customer;
  // undefined: loading; null: no system of record.
  const [history, setHistory] = useState<CustomerHistory | null>();
  const phone = s.customer.phone;
  useEffect(() => {
    let live = true;
    const ref = phone === undefined ? { conversationId: s.conversationId } : { phone };
    api.customer(ref).then(
      (found) => live && setHistory(found ?? null),
      () => live && setHistory(null),
    );
    return () => {
      live = false;
    };
  }, [api, phone, s.conversationId]);
  // An account that is the phone number is said once.
  const contact = [
    ...new Set(
      [s.customer.name, phone, s.customer.account, s.customer.contactTime].filter(
        (value): value is string => value !== undefined,
      ),
    ),
  ];
  const earlier = history?.tickets.filter((row) => row.id !== s.ticketId) ?? [];
  const conversations =
    history?.conversations.filter((c) => c.conversationId !== s.conversationId) ?? [];
  return (
    <section class="customer-panel" aria-label={t.heading}>
      <h4>{t.heading}</h4>
      <dl>
        <Field label={t.contact}>
          {contact.length === 0
            ? '—'
            : contact.map((value, i) => (
                <span key={i}>
                  {i > 0 ? ' · ' : null}
                  <Isolated text={value} />
                </span>
              ))}
        </Field>
        <Field label={t.channel}>{labels.channel(s.channel)}</Field>
      </dl>
      {history === undefined ? null : history === null ? (
        <p class="muted">{t.unavailable}</p>
      ) : (
        <>
          <h4>{t.earlierTickets}</h4>
          {earlier.length === 0 ? (
            <p class="muted">{t.noHistory}</p>
          ) : (
            <TicketRows rows={earlier} labels={labels} />
          )}
          {conversations.length === 0 ? null : (
            <>
              <h4>{t.conversations}</h4>
              <ul class="conversations">
                {conversations.map((c) => (
                  <li key={c.conversationId}>
                    {t.conversationLine
                      .replace('{channels}', labels.list(c.channels.map(labels.channel)))
                      .replace('{count}', String(c.messages))}
                    {c.lastAt === undefined ? null : ` · ${labels.time(c.lastAt)}`}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
