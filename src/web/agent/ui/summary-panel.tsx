import { Fragment } from 'preact';
import type { SlotName } from '../../../domain/taxonomy.js';
import { LIVE_FIELDS, type LiveField } from '../../../handoff/live-case.js';
import type { HandoffSummary } from '../../../handoff/summary/summary.schema.js';
import type { ConsoleLabels } from '../i18n/labels.js';
import { classes, Field, Isolated } from './text.js';

const isLiveField = (key: string): key is LiveField =>
  (LIVE_FIELDS as readonly string[]).includes(key);

/** Values joined by ` · `, each in its own isolate: a name ending in U+202E must not reverse the phone after it. */
function Joined(props: { values: readonly string[] }) {
  return (
    <>
      {props.values.map((value, i) => (
        <Fragment key={i}>
          {i > 0 ? ' · ' : null}
          <Isolated text={value} />
        </Fragment>
      ))}
    </>
  );
}

/**
 * The case as the agent needs it (DESIGN §4), every code in words; `changed` names what the
 * customer's latest message changed, highlighted until the next change.
 */
export function SummaryPanel(props: {
  summary: HandoffSummary;
  changed: readonly string[];
  labels: ConsoleLabels;
  onUseReply: (text: string) => void;
}) {
  const { summary: s, labels } = props;
  const t = labels.text;
  const f = t.fields;
  const changed = new Set(props.changed);
  const mark = (...keys: string[]): string | undefined =>
    keys.some((key) => changed.has(key)) ? 'changed' : undefined;
  const customer = [s.customer.name, s.customer.phone, s.customer.account, s.customer.contactTime];
  const contact = [...new Set(customer.filter((c): c is string => c !== undefined))];
  const stated = new Set<SlotName>(s.customerStated ?? []);
  const changedWords = props.changed.map((key) => (isLiveField(key) ? t.liveFields[key] : key));
  return (
    <aside class="summary" aria-label={t.summary}>
      <h3>
        {t.summary} · {s.ticketId}
      </h3>
      {props.changed.length > 0 ? (
        <p class="updated" role="status">
          {t.updated}
          {labels.list(changedWords)}
        </p>
      ) : null}
      {s.abstract === undefined ? null : (
        <p class="abstract" dir="auto">
          {s.abstract}
        </p>
      )}
      <dl>
        <Field label={f.customer}>{contact.length > 0 ? <Joined values={contact} /> : '—'}</Field>
        <Field label={f.severity} class={mark('severity')}>
          {labels.severity(s.severity)}
        </Field>
        <Field label={f.category} class={mark('category')}>
          {labels.category(s.category)}
        </Field>
        <Field label={f.nature} class={mark('nature')}>
          {labels.nature(s.nature)}
        </Field>
        <Field label={f.emotion} class={mark('emotion')}>
          {labels.emotion(s.emotion.current)} · {t.trend[s.emotion.trend]}
        </Field>
        <Field label={f.flags} class={mark('flags')}>
          {labels.list(s.flags.map(labels.flag))}
        </Field>
        <Field label={f.demand} class={mark('demand')}>
          {s.demand === undefined ? '—' : <Isolated text={s.demand} />}
        </Field>
        <Field label={f.missing} class={mark('missing')}>
          {labels.list(s.missing.map(labels.slot))}
        </Field>
        <Field label={f.rule}>{labels.rule(s.handoffRule)}</Field>
        <Field label={f.sla}>{labels.time(s.slaDeadline)}</Field>
      </dl>
      <h4>{f.elements}</h4>
      <ul class={mark('elements')}>
        {Object.entries(s.elements).map(([slot, value]) => (
          <li key={slot}>
            {labels.slot(slot as SlotName)}
            {t.separator}
            <Isolated text={labels.element(slot as SlotName, value)} />
            {stated.has(slot as SlotName) ? <span class="stated">（{f.stated}）</span> : null}
          </li>
        ))}
      </ul>
      <h4>{f.said}</h4>
      <ul>
        {s.assistantSaid.map((said, i) => (
          <li key={i}>
            <Isolated text={said.text} />
          </li>
        ))}
      </ul>
      <h4>{f.steps}</h4>
      <ul class={mark('nextSteps')}>
        {s.nextSteps.map((step, i) => (
          <li key={i}>
            <Isolated text={step} />
          </li>
        ))}
      </ul>
      <blockquote class={classes('suggested', mark('suggestedFirstReply'))} dir="auto">
        {s.suggestedFirstReply}
      </blockquote>
      <button
        type="button"
        class="use-reply"
        onClick={() => props.onUseReply(s.suggestedFirstReply)}
      >
        {t.useReply}
      </button>
    </aside>
  );
}
