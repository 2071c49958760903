import type { TeamMember } from '../../../handoff/team.js';
import type { ConsoleLabels } from '../i18n/labels.js';
import { ApiError } from './api.js';

/** 「接待 2/5」: cases owned now over capacity (「不限」 with no limit). */
export function loadText(
  labels: ConsoleLabels,
  load: number,
  capacity: number | undefined,
): string {
  const t = labels.text.team;
  return t.load
    .replace('{load}', String(load))
    .replace('{capacity}', capacity === undefined ? t.noLimit : String(capacity));
}

/** 「bob（离开）」: a colleague with their availability. */
export function memberText(labels: ConsoleLabels, member: TeamMember): string {
  const t = labels.text.team;
  const name = member.displayName ?? member.username;
  return `${name}${t.stateMark.replace('{state}', t.states[member.availability])}`;
}

/** Online colleagues first, then away and busy ones, then offline ones; by name within each. */
export function byAvailability(members: readonly TeamMember[]): TeamMember[] {
  const rank = { online: 0, away: 1, busy: 1, offline: 2 } as const;
  return [...members].sort(
    (a, b) => rank[a.availability] - rank[b.availability] || a.username.localeCompare(b.username),
  );
}

/** A team call's refusal in the agent's words: no console yet (409), not a supervisor (403). */
export function teamFailure(labels: ConsoleLabels, error: unknown): string {
  const t = labels.text;
  if (error instanceof ApiError && error.status === 409 && error.failure === 'unknown')
    return t.team.failures.no_console;
  if (error instanceof ApiError && error.status === 403 && error.failure === 'unknown')
    return t.team.failures.forbidden;
  return t.failures[error instanceof ApiError ? error.failure : 'unknown'];
}
