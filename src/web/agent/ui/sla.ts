/** How an SLA countdown looks: plenty left, under a quarter left (amber), or past it (red). */
export type SlaTone = 'ok' | 'low' | 'breached';

/** Below this share of the SLA left, the countdown turns amber. */
const LOW_SHARE = 0.25;

/** Milliseconds left until the deadline; negative once breached. */
export function slaLeftMs(dueAt: string, now: number): number {
  return Date.parse(dueAt) - now;
}

export function slaTone(leftMs: number, slaMinutes: number): SlaTone {
  if (leftMs <= 0) return 'breached';
  return leftMs < slaMinutes * 60_000 * LOW_SHARE ? 'low' : 'ok';
}
