import { useEffect, useState } from 'preact/hooks';
import type { ConsoleLabels } from '../i18n/labels.js';
import { clock } from './attention.js';
import { slaLeftMs, slaTone } from './sla.js';

/** Re-renders every second, for clocks. */
export function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** Time left until the case's SLA deadline: amber under a quarter left, red once breached. */
export function SlaCountdown(props: { dueAt: string; minutes: number; labels: ConsoleLabels }) {
  const t = props.labels.text.attention;
  const left = slaLeftMs(props.dueAt, useNow());
  const tone = slaTone(left, props.minutes);
  const time = clock(Math.abs(left) / 1000);
  return (
    <span class={`sla ${tone}`} data-tone={tone}>
      {(tone === 'breached' ? t.slaBreached : t.slaLeft).replace('{time}', time)}
    </span>
  );
}
