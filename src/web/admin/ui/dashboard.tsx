import { useEffect, useMemo, useState } from 'preact/hooks';
import type {
  AnalyticsFilter,
  AnalyticsReport,
  AnalyticsTable,
} from '../../../analytics/analytics-report.js';
import { CATEGORIES, type Category } from '../../../domain/taxonomy.js';
import type { Labels } from '../i18n/labels.js';
import { AnalyticsApi } from './api.js';
import { Chart } from './chart.js';
import {
  barsOption,
  heatmapOption,
  ringOption,
  VOLUME_DIMENSIONS,
  volumeOption,
  type VolumeDimension,
} from './chart-options.js';
import type { PageProps } from './page.js';

function Filters(props: {
  labels: Labels;
  value: AnalyticsFilter;
  onApply: (filter: AnalyticsFilter) => void;
}) {
  const t = props.labels.text.filters;
  const [draft, setDraft] = useState(props.value);
  const set = (patch: Partial<AnalyticsFilter>) => setDraft({ ...draft, ...patch });
  return (
    <form
      class="filters"
      onSubmit={(event) => {
        event.preventDefault();
        props.onApply(draft);
      }}
    >
      <label>
        {t.from}
        <input
          type="date"
          name="from"
          value={draft.from}
          max={draft.to}
          onInput={(e) => set({ from: e.currentTarget.value })}
        />
      </label>
      <label>
        {t.to}
        <input
          type="date"
          name="to"
          value={draft.to}
          min={draft.from}
          onInput={(e) => set({ to: e.currentTarget.value })}
        />
      </label>
      <label>
        {t.channel}
        <select
          name="channel"
          value={draft.channel ?? ''}
          onChange={(e) => set({ channel: e.currentTarget.value || undefined })}
        >
          <option value="">{t.all}</option>
          {Object.keys(props.labels.text.channels).map((code) => (
            <option value={code}>{props.labels.channel(code)}</option>
          ))}
        </select>
      </label>
      <label>
        {t.category}
        <select
          name="category"
          value={draft.category ?? ''}
          onChange={(e) =>
            set({ category: (e.currentTarget.value || undefined) as Category | undefined })
          }
        >
          <option value="">{t.all}</option>
          {CATEGORIES.map((code) => (
            <option value={code}>{props.labels.category(code)}</option>
          ))}
        </select>
      </label>
      <button type="submit">{t.apply}</button>
    </form>
  );
}

function Kpi(props: { id: string; label: string; value: string }) {
  return (
    <div class="kpi" data-kpi={props.id}>
      <span class="kpi-label">{props.label}</span>
      <strong class="kpi-value">{props.value}</strong>
    </div>
  );
}

function Section(props: {
  table: AnalyticsTable;
  labels: Labels;
  onCsv: (table: AnalyticsTable) => void;
  wide?: boolean;
  /** Words after the heading (e.g. that a year's volume is counted per week). */
  note?: string;
  children: preact.ComponentChildren;
}) {
  return (
    <section class={props.wide ? 'card wide' : 'card'} data-section={props.table}>
      <header>
        <h2>
          {props.labels.text.sections[props.table]}
          {props.note}
        </h2>
        <button type="button" class="csv" onClick={() => props.onCsv(props.table)}>
          {props.labels.text.csv}
        </button>
      </header>
      {props.children}
    </section>
  );
}

/** A small figures table: one row per item, the columns given as [heading, cell]. */
function Table<T>(props: {
  rows: readonly T[];
  columns: ReadonlyArray<[string, (row: T) => string | number]>;
  empty: string;
}) {
  if (props.rows.length === 0) return <p class="empty">{props.empty}</p>;
  return (
    <table>
      <thead>
        <tr>
          {props.columns.map(([heading]) => (
            <th>{heading}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr>
            {props.columns.map(([, cell]) => (
              <td>{cell(row)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Figures(props: { rows: ReadonlyArray<[string, string | number]>; id: string }) {
  return (
    <dl class="figures" data-figures={props.id}>
      {props.rows.map(([label, value]) => (
        <div>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Report(props: {
  report: AnalyticsReport;
  labels: Labels;
  onCsv: (table: AnalyticsTable) => void;
}) {
  const { report, labels } = props;
  const t = labels.text;
  const [by, setBy] = useState<VolumeDimension>('channel');
  const volume = useMemo(() => volumeOption(report, by, labels), [report, by, labels]);
  const rules = report.handoffRules.map((row) => ({ ...row, name: labels.rule(row.rule) }));
  const section = (table: AnalyticsTable, wide = false) => ({
    table,
    labels,
    onCsv: props.onCsv,
    wide,
  });
  const { queue, deflection, csat, timeToClose, emotionShift, dimensions } = report;
  return (
    <>
      <div class="kpis">
        <Kpi id="tickets" label={t.kpi.tickets} value={String(report.totals.tickets)} />
        <Kpi id="deflection" label={t.kpi.deflection} value={labels.percent(deflection.rate)} />
        <Kpi
          id="handoffRate"
          label={t.kpi.handoffRate}
          value={labels.percent(
            report.totals.tickets === 0 ? null : queue.handoffs / report.totals.tickets,
          )}
        />
        <Kpi id="waitMedian" label={t.kpi.waitMedian} value={labels.duration(queue.waitMedian)} />
        <Kpi
          id="firstResponse"
          label={t.kpi.firstResponse}
          value={labels.percent(queue.firstResponseWithinSla)}
        />
        <Kpi
          id="resolution"
          label={t.kpi.resolution}
          value={labels.percent(queue.resolutionWithinSla)}
        />
        <Kpi
          id="timeToClose"
          label={t.kpi.timeToClose}
          value={labels.duration(timeToClose.median)}
        />
        <Kpi
          id="csat"
          label={t.kpi.csat}
          value={csat.average === null ? '—' : `${csat.average.toFixed(1)} / 5`}
        />
      </div>
      <div class="grid">
        <Section
          {...section('volume', true)}
          {...(report.volumeBucket === 'week' ? { note: t.volumeWeekly } : {})}
        >
          <div class="toggle" role="group" aria-label={t.volumeBy.label}>
            {VOLUME_DIMENSIONS.map((dimension) => (
              <button
                type="button"
                class={dimension === by ? 'active' : ''}
                aria-pressed={dimension === by}
                onClick={() => setBy(dimension)}
              >
                {t.volumeBy[dimension]}
              </button>
            ))}
          </div>
          <Chart option={volume} label={t.sections.volume} height={280} />
        </Section>
        <Section {...section('emotionShift')}>
          {emotionShift.calmed + emotionShift.steady + emotionShift.worsened === 0 ? (
            <p class="empty">{t.empty}</p>
          ) : (
            <Chart
              label={t.sections.emotionShift}
              option={ringOption([
                { name: t.shift.calmed, count: emotionShift.calmed, color: '#3ebd93' },
                { name: t.shift.steady, count: emotionShift.steady, color: '#9fb3c8' },
                { name: t.shift.worsened, count: emotionShift.worsened, color: '#d64545' },
              ])}
            />
          )}
          <Figures
            id="emotionShift"
            rows={[
              [t.shift.calmed, emotionShift.calmed],
              [t.shift.steady, emotionShift.steady],
              [t.shift.worsened, emotionShift.worsened],
            ]}
          />
        </Section>
        <Section {...section('deflection')}>
          <Figures
            id="deflection"
            rows={[
              [t.deflection.faqAnswered, deflection.faqAnswered],
              [t.deflection.selfService, deflection.selfService],
              [t.deflection.ticketsFiled, deflection.ticketsFiled],
              [t.deflection.handedOff, deflection.handedOff],
              [t.deflection.rate, labels.percent(deflection.rate)],
            ]}
          />
        </Section>
        <Section {...section('handoffRules')}>
          {rules.length === 0 ? (
            <p class="empty">{t.empty}</p>
          ) : (
            <Chart
              label={t.sections.handoffRules}
              option={barsOption(rules)}
              height={Math.max(120, rules.length * 36)}
            />
          )}
          <Table
            rows={rules}
            empty=""
            columns={[
              [t.columns.rule, (r) => r.name],
              [t.columns.count, (r) => r.count],
              [t.columns.rate, (r) => labels.percent(r.rate)],
            ]}
          />
        </Section>
        <Section {...section('queue')}>
          <Figures
            id="queue"
            rows={[
              [t.queue.handoffs, queue.handoffs],
              [t.queue.claimed, queue.claimed],
              [t.queue.waitMedian, labels.duration(queue.waitMedian)],
              [t.queue.waitP90, labels.duration(queue.waitP90)],
              [t.queue.firstResponseWithinSla, labels.percent(queue.firstResponseWithinSla)],
              [t.queue.closed, queue.closed],
              [t.queue.resolutionWithinSla, labels.percent(queue.resolutionWithinSla)],
            ]}
          />
        </Section>
        <Section {...section('timeToClose')}>
          <Figures
            id="timeToClose"
            rows={[
              [t.timeToClose.closed, timeToClose.closed],
              [t.timeToClose.median, labels.duration(timeToClose.median)],
              [t.timeToClose.p90, labels.duration(timeToClose.p90)],
            ]}
          />
        </Section>
        <Section {...section('csat')}>
          <Chart
            label={t.sections.csat}
            height={180}
            option={barsOption(
              csat.distribution.map((count, i) => ({ name: `${i + 1} ★`, count })).reverse(),
            )}
          />
        </Section>
        <Section {...section('heatmap', true)}>
          <Chart label={t.sections.heatmap} option={heatmapOption(report, labels)} height={300} />
        </Section>
        <Section {...section('places')}>
          <Table
            rows={dimensions.places}
            empty={t.empty}
            columns={[
              [t.columns.name, (r) => r.name],
              [t.columns.count, (r) => r.count],
            ]}
          />
        </Section>
        <Section {...section('people')}>
          <Table
            rows={dimensions.people}
            empty={t.empty}
            columns={[
              [t.columns.name, (r) => r.name],
              [t.columns.count, (r) => r.count],
            ]}
          />
        </Section>
        <Section {...section('events')}>
          {dimensions.events.length === 0 ? (
            <p class="empty">{t.empty}</p>
          ) : (
            <Chart
              label={t.sections.events}
              option={barsOption(
                dimensions.events.map((r) => ({
                  name: labels.category(r.category),
                  count: r.count,
                })),
              )}
              height={Math.max(120, dimensions.events.length * 32)}
            />
          )}
        </Section>
        <Section {...section('emotions')}>
          <Chart
            label={t.sections.emotions}
            option={ringOption(
              dimensions.emotions.map((r) => ({ name: labels.emotion(r.emotion), count: r.count })),
            )}
          />
        </Section>
        <Section {...section('faqGaps', true)}>
          <Table
            rows={report.faqGaps}
            empty={t.empty}
            columns={[
              [t.columns.question, (r) => r.example],
              [t.columns.count, (r) => r.count],
              [t.columns.variants, (r) => r.variants.join(' / ')],
            ]}
          />
        </Section>
      </div>
    </>
  );
}

/** The home page: the analytics of src/analytics. */
export function Dashboard(props: PageProps) {
  const api = useMemo(() => new AnalyticsApi(props.api), [props.api]);
  // The server picks the default range (the last 30 days in the business time zone).
  const [filter, setFilter] = useState<Partial<AnalyticsFilter>>({});
  const [report, setReport] = useState<AnalyticsReport>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let current = true;
    setError(undefined);
    api.report(filter).then(
      (value) => current && setReport(value),
      (failure: unknown) => {
        if (current) setError(failure instanceof Error ? failure.message : String(failure));
      },
    );
    return () => {
      current = false;
    };
  }, [api, filter]);
  const onCsv = (table: AnalyticsTable) => {
    if (report === undefined) return;
    api.downloadCsv(report.filter, table).catch((failure: unknown) => setError(String(failure)));
  };
  return (
    <>
      {report === undefined ? null : (
        <Filters
          key={JSON.stringify(report.filter)}
          labels={props.labels}
          value={report.filter}
          onApply={setFilter}
        />
      )}
      {error === undefined ? null : (
        <p class="error" role="alert">
          {props.labels.text.error}
          {error}
        </p>
      )}
      {report === undefined ? (
        <p class="loading">{props.labels.text.loading}</p>
      ) : (
        <Report report={report} labels={props.labels} onCsv={onCsv} />
      )}
    </>
  );
}
