import { useEffect, useState } from 'preact/hooks';
import { Availability } from '../../../handoff/availability.js';
import type { ConsoleLabels } from '../i18n/labels.js';
import type { ConsoleApi } from './api.js';
import { loadText, teamFailure } from './team-words.js';

/**
 * The header's 在线／离开／忙碌 control and the agent's load 「接待 2/5」. The choice is the
 * server's (shared presence), so a reload shows what was chosen; only 在线 agents get cases
 * automatically. `load` is the cases open in this console; the capacity comes from the account.
 */
export function AvailabilitySwitch(props: {
  api: ConsoleApi;
  labels: ConsoleLabels;
  load: number;
}) {
  const t = props.labels.text.team;
  const [availability, setAvailability] = useState<Availability>('online');
  const [capacity, setCapacity] = useState<number>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    const read = (): void => {
      props.api.myAvailability().then(
        (mine) => {
          if (!live) return;
          setAvailability(mine.availability);
          setCapacity(mine.capacity);
        },
        (e: unknown) => live && setError(teamFailure(props.labels, e)),
      );
    };
    read();
    // Another tab of the same agent may have changed it: read it again when this one is back.
    window.addEventListener('focus', read);
    return () => {
      live = false;
      window.removeEventListener('focus', read);
    };
  }, [props.api]);

  const choose = (value: string): void => {
    const next = Availability.safeParse(value);
    if (!next.success) return;
    const before = availability;
    setAvailability(next.data);
    props.api.setAvailability(next.data).then(
      () => setError(undefined),
      (e: unknown) => {
        setAvailability(before);
        setError(teamFailure(props.labels, e));
      },
    );
  };
  return (
    <div class={`availability ${availability}`}>
      <select
        class="availability-choice"
        aria-label={t.availability}
        title={t.availability}
        value={availability}
        onChange={(event) => choose(event.currentTarget.value)}
      >
        {Availability.options.map((state) => (
          <option key={state} value={state}>
            {t.states[state]}
          </option>
        ))}
      </select>
      <span class="load" title={t.loadTitle}>
        {loadText(props.labels, props.load, capacity)}
      </span>
      {error === undefined ? null : (
        <span class="availability-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
