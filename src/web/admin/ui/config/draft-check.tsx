import { useState } from 'preact/hooks';
import type { Dictionary } from '../../i18n/dictionary.js';
import { field, messageOf } from '../form.js';
import type { ConfigApi, Report } from './config-api.js';

type Drafts = Parameters<ConfigApi['runTests']>[0];

/** The conversation tests' report on the draft. */
export function TestReport({ report, t }: { report: Report; t: Dictionary['configEditor'] }) {
  return (
    <div class="report" data-passed={String(report.passed)}>
      <p class={report.passed ? 'ok' : 'error'}>
        {report.passed ? t.testsPassed(report.results.length) : t.testsFailed}
      </p>
      <ul>
        {report.results.map((r) => (
          <li key={r.name} class={r.passed ? 'ok' : 'error'}>
            {r.passed ? '✓' : '✗'} {r.name}
            {r.failures.map((f, i) => (
              <div key={i} class="failure">
                {t.turn(f.turn)} {f.message}
              </div>
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Runs the conversation tests on the editor's text. */
export function TestsCard(props: {
  config: ConfigApi;
  drafts: () => Drafts;
  /** The text the tests run on; a report of other text is not shown. */
  text: string;
  t: Dictionary['configEditor'];
}) {
  const { t } = props;
  const [run, setRun] = useState<{ text: string; report: Report }>();
  const [error, setError] = useState('');
  return (
    <div class="card tests-card">
      <h3>{t.testsHeading}</h3>
      <button
        type="button"
        class="run-tests"
        onClick={() => {
          setError('');
          const text = props.text;
          props.config.runTests(props.drafts()).then(
            (report) => setRun({ text, report }),
            (e: unknown) => setError(messageOf(e)),
          );
        }}
      >
        {t.runTests}
      </button>
      {error && <p class="error">{error}</p>}
      {run?.text === props.text && <TestReport report={run.report} t={t} />}
    </div>
  );
}

/** The try-it chat: the draft as a customer meets it, in a session of its own. */
export function TryItCard(props: {
  config: ConfigApi;
  drafts: () => Drafts;
  t: Dictionary['configEditor'];
}) {
  const { t } = props;
  const [session, setSession] = useState(() => crypto.randomUUID());
  const [log, setLog] = useState<{ from: 'bot' | 'customer'; text: string }[]>([]);
  const [error, setError] = useState('');
  return (
    <div class="card try-it">
      <h3>{t.tryHeading}</h3>
      <ol class="try-log" aria-live="polite">
        {log.map((line, i) => (
          <li key={i} class={line.from}>
            {line.text}
          </li>
        ))}
      </ol>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const text = field(new FormData(form), 'say').trim();
          if (text === '') return;
          form.reset();
          setError('');
          props.config.tryTurn(session, text, props.drafts()).then(
            (reply) =>
              setLog((old) => [
                ...old,
                ...reply.greeting.map((g) => ({ from: 'bot' as const, text: g })),
                { from: 'customer', text },
                ...reply.replies.map((r) => ({ from: 'bot' as const, text: r.text })),
                ...reply.tickets.map((k) => ({ from: 'bot' as const, text: t.testTicket(k.id) })),
              ]),
            (e: unknown) => setError(messageOf(e)),
          );
        }}
      >
        <input name="say" aria-label={t.trySay} placeholder={t.trySay} autocomplete="off" />
        <button type="submit">{t.trySend}</button>
        <button
          type="button"
          onClick={() => {
            setSession(crypto.randomUUID());
            setLog([]);
          }}
        >
          {t.tryRestart}
        </button>
      </form>
      {error && <p class="error">{error}</p>}
    </div>
  );
}
