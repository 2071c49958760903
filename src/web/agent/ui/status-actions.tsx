import { useState } from 'preact/hooks';
import type { CaseStatus } from '../../../handoff/case-marks.js';
import type { Failure } from '../i18n/dictionary.js';
import type { ConsoleLabels } from '../i18n/labels.js';
import { ApiError, type ConsoleApi } from './api.js';
import { ErrorLine, classes } from './text.js';

/**
 * The ticket's status in the case view: 处理中 or 等待客户回复 (the customer's next message sets it
 * back to in progress on the server), and how to reach 已解决 (the close action, with a resolution).
 */
export function StatusActions(props: {
  id: string;
  waiting: 'customer' | undefined;
  words: ConsoleLabels;
  api: ConsoleApi;
  onUnauthorized: () => void;
}) {
  const t = props.words.text;
  const s = t.inbox.status;
  const [failure, setFailure] = useState<Failure>();
  const current: CaseStatus = props.waiting === 'customer' ? 'waiting_customer' : 'in_progress';
  const set = async (status: CaseStatus): Promise<void> => {
    try {
      await props.api.status(props.id, status);
      setFailure(undefined);
    } catch (error) {
      if (error instanceof ApiError && error.failure === 'unauthorized') props.onUnauthorized();
      else setFailure(error instanceof ApiError ? error.failure : 'unknown');
    }
  };
  const choices: ReadonlyArray<[CaseStatus, string]> = [
    ['in_progress', s.inProgress],
    ['waiting_customer', s.waitingCustomer],
  ];
  const named = current === 'waiting_customer' ? s.waitingCustomer : s.inProgress;
  return (
    <div class="status-actions" role="group" aria-label={s.heading}>
      <h4>{s.heading}</h4>
      <p class={classes('case-status', current)}>{s.current.replace('{status}', named)}</p>
      <div class="row">
        {choices.map(([status, word]) => (
          <button
            type="button"
            key={status}
            class={classes('status-choice', status, status === current && 'active')}
            aria-pressed={status === current}
            onClick={() => void set(status)}
          >
            {word}
          </button>
        ))}
      </div>
      <p class="muted">
        {s.resolved}
        {t.separator}
        {s.resolvedHint}
      </p>
      <ErrorLine
        class="status-error"
        message={failure === undefined ? undefined : t.failures[failure]}
      />
    </div>
  );
}
