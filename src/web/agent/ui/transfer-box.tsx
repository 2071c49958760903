import { useEffect, useState } from 'preact/hooks';
import type { TeamGroup, TeamMember } from '../../../handoff/team.js';
import type { ConsoleLabels } from '../i18n/labels.js';
import type { ConsoleApi } from './api.js';
import { byAvailability, memberText } from './team-words.js';
import { Isolated } from './text.js';

/** "Type a name": the picker's last choice, for an offline agent or a `group:` name. */
const TYPED = '';

/**
 * Transfer by picking a colleague with a console open (online first, away and busy marked) or a
 * group of the directory (or typing an agent or `group:name`), then confirming with an optional
 * note the colleague reads first.
 */
export function TransferBox(props: {
  api: ConsoleApi;
  me: string;
  labels: ConsoleLabels;
  onTransfer: (to: string, note: string) => Promise<void>;
}) {
  const t = props.labels.text;
  const [online, setOnline] = useState<TeamMember[]>([]);
  const [groups, setGroups] = useState<TeamGroup[]>([]);
  const [choice, setChoice] = useState(TYPED);
  const [typed, setTyped] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState('');
  useEffect(() => {
    let live = true;
    props.api.team().then(
      (team) => {
        if (!live) return;
        const others = byAvailability(team.members).filter(
          (m) => m.username !== props.me && m.availability !== 'offline',
        );
        setOnline(others);
        setGroups(team.groups);
        const first = others[0]?.username ?? team.groups[0]?.name;
        if (first !== undefined) setChoice(others[0] ? first : `group:${first}`);
      },
      () => undefined, // no picker: typing a name still works
    );
    return () => {
      live = false;
    };
  }, [props.api, props.me]);
  const to = (choice === TYPED ? typed : choice).trim();
  return (
    <div class="transfer-box">
      <div class="row">
        <select
          class="transfer-target"
          aria-label={t.transferTo}
          value={choice}
          onChange={(event) => {
            setChoice(event.currentTarget.value);
            setConfirming(false);
          }}
        >
          {online.map((member) => (
            <option key={member.username} value={member.username}>
              {memberText(props.labels, member)}
            </option>
          ))}
          {groups.map((group) => (
            <option key={group.name} value={`group:${group.name}`}>
              {t.team.groupOption.replace('{name}', group.displayName ?? group.name)}
            </option>
          ))}
          <option value={TYPED}>{t.typeTarget}</option>
        </select>
        {choice === TYPED ? (
          <input
            class="transfer-input"
            aria-label={t.transfer}
            placeholder={t.transfer}
            value={typed}
            onInput={(event) => setTyped(event.currentTarget.value)}
          />
        ) : null}
        <button
          type="button"
          class="transfer"
          aria-expanded={confirming}
          onClick={() => to !== '' && setConfirming(true)}
        >
          {t.doTransfer}
        </button>
      </div>
      {confirming ? (
        <div class="transfer-confirm-box" role="group" aria-label={t.confirmTransfer}>
          <p>
            {t.confirmTransfer.split('{to}')[0]}
            <Isolated text={to} />
            {t.confirmTransfer.split('{to}')[1]}
          </p>
          <input
            class="transfer-note"
            aria-label={t.transferNote}
            placeholder={t.transferNote}
            value={note}
            onInput={(event) => setNote(event.currentTarget.value)}
          />
          <div class="row">
            <button
              type="button"
              class="transfer-confirm"
              onClick={() => void props.onTransfer(to, note.trim())}
            >
              {t.confirm}
            </button>
            <button type="button" class="transfer-cancel" onClick={() => setConfirming(false)}>
              {t.cancel}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
