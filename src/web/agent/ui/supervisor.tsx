import { useEffect, useState } from 'preact/hooks';
import type { SupervisedCase, TeamReply } from '../../../handoff/team.js';
import type { ConsoleLabels } from '../i18n/labels.js';
import type { ConsoleApi } from './api.js';
import { clock } from './attention.js';
import { byAvailability, loadText, memberText, teamFailure } from './team-words.js';
import { ErrorLine, Isolated } from './text.js';

/** The supervisor view re-reads the team this often while open. */
const REFRESH_MS = 5000;

/**
 * For admins (supervisors): every agent's availability and load, and every open case (agent, wait,
 * priority) with a reassign to a colleague or a group. Read from the server each time, so what
 * any instance changed shows within a refresh.
 */
export function Supervisor(props: { api: ConsoleApi; labels: ConsoleLabels }) {
  const { labels } = props;
  const t = labels.text.team;
  const [team, setTeam] = useState<TeamReply>({ members: [], groups: [] });
  const [cases, setCases] = useState<SupervisedCase[]>([]);
  const [error, setError] = useState<string>();
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    Promise.all([props.api.team(), props.api.supervisedCases()]).then(
      ([nextTeam, nextCases]) => {
        if (!live) return;
        setTeam(nextTeam);
        setCases(nextCases);
      },
      (e: unknown) => live && setError(teamFailure(labels, e)),
    );
    const timer = setTimeout(() => setRound((n) => n + 1), REFRESH_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [props.api, round]);

  const reassign = (id: string, to: string): void => {
    props.api.reassign(id, to).then(
      () => {
        setError(undefined);
        setRound((n) => n + 1);
      },
      (e: unknown) => setError(teamFailure(labels, e)),
    );
  };
  const members = byAvailability(team.members);
  return (
    <section class="supervisor" aria-label={t.heading}>
      <div class="row">
        <h2>{t.heading}</h2>
        <button type="button" class="supervisor-refresh" onClick={() => setRound((n) => n + 1)}>
          {t.refresh}
        </button>
      </div>
      <ErrorLine message={error} />
      <h3>{t.members}</h3>
      <ul class="members">
        {members.map((member) => (
          <li key={member.username} class={`member ${member.availability}`}>
            <span class="member-name">
              <Isolated text={member.displayName ?? member.username} />
              {t.stateMark.replace('{state}', t.states[member.availability])}
            </span>
            <span class="member-load">{loadText(labels, member.load, member.capacity)}</span>
          </li>
        ))}
      </ul>
      <h3>{t.cases}</h3>
      {cases.length === 0 ? (
        <p class="muted">{t.noCases}</p>
      ) : (
        <table class="supervised">
          <thead>
            <tr>
              <th>{t.ticket}</th>
              <th>{t.agent}</th>
              <th>{t.waiting}</th>
              <th>{t.priority}</th>
              <th>{t.reassignTo}</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((item) => (
              <SupervisedRow
                key={item.id}
                item={item}
                team={{ ...team, members }}
                labels={labels}
                onReassign={(to) => reassign(item.id, to)}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function SupervisedRow(props: {
  item: SupervisedCase;
  team: TeamReply;
  labels: ConsoleLabels;
  onReassign: (to: string) => void;
}) {
  const { item, labels } = props;
  const t = labels.text;
  const targets = props.team.members.filter((m) => m.username !== item.agent);
  const [to, setTo] = useState(targets[0]?.username ?? '');
  const owner = props.team.members.find((m) => m.username === item.agent);
  return (
    <tr data-id={item.id}>
      <td>
        {labels.severity(item.summary.severity)} · {item.ticketId}
      </td>
      <td class="owner">
        <Isolated text={owner?.displayName ?? item.agent} />
      </td>
      <td>{clock(item.waitingSeconds)}</td>
      <td title={t.priorityExplained.replace('{minutes}', String(Math.round(item.priority)))}>
        {t.urgency[labels.urgency(item.priority)]}
      </td>
      <td>
        <div class="row">
          <select
            class="reassign-target"
            aria-label={t.team.reassignTo}
            value={to}
            onChange={(event) => setTo(event.currentTarget.value)}
          >
            {targets.map((member) => (
              <option key={member.username} value={member.username}>
                {memberText(labels, member)}
              </option>
            ))}
            {props.team.groups.map((group) => (
              <option key={group.name} value={`group:${group.name}`}>
                {t.team.groupOption.replace('{name}', group.displayName ?? group.name)}
              </option>
            ))}
          </select>
          <button
            type="button"
            class="reassign"
            disabled={to === ''}
            onClick={() => props.onReassign(to)}
          >
            {t.team.reassign}
          </button>
        </div>
      </td>
    </tr>
  );
}
