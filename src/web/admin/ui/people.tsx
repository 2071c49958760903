import { useCallback, useEffect, useState } from 'preact/hooks';
import { z } from 'zod';
import { AgentGroup, AgentListing } from '../../../agents/agent.js';
import { ApiError } from './api.js';
import { field, messageOf } from './form.js';
import type { PageProps } from './page.js';
import type { Dictionary } from '../i18n/dictionary.js';

const Agents = z.object({ items: z.array(AgentListing) });
const Groups = z.object({ items: z.array(AgentGroup) });

/** `billing, vip` → `['billing', 'vip']`. */
const groupsOf = (text: string): string[] =>
  text
    .split(/[,，\s]+/)
    .map((name) => name.trim())
    .filter((name) => name !== '');

/** Capacity field: empty is no limit (`null`), anything else a number the server checks. */
const capacityOf = (text: string): number | null => (text.trim() === '' ? null : Number(text));

/** A refusal in the console's words when the server named its reason, else the server's message. */
function refusalOf(failure: unknown, t: Dictionary['people']): string {
  const refusals: Readonly<Record<string, string>> = t.refusals;
  if (failure instanceof ApiError && failure.reason !== undefined && failure.reason in refusals)
    return refusals[failure.reason] ?? failure.message;
  return messageOf(failure);
}

function Notice(props: { error?: string | undefined; done?: string | undefined }) {
  if (props.error !== undefined)
    return (
      <p class="error" role="alert">
        {props.error}
      </p>
    );
  return props.done === undefined ? null : (
    <p class="done" role="status">
      {props.done}
    </p>
  );
}

function CreateAgent(props: PageProps & { onCreated: () => void }) {
  const t = props.labels.text.people;
  const [notice, setNotice] = useState<{ error?: string; done?: string }>({});
  const submit = async (form: HTMLFormElement) => {
    const data = new FormData(form);
    const capacity = capacityOf(field(data, 'capacity'));
    try {
      await props.api.send('/api/admin/agents', {
        method: 'POST',
        body: {
          username: field(data, 'username'),
          password: field(data, 'password'),
          role: field(data, 'role'),
          groups: groupsOf(field(data, 'groups')),
          ...(field(data, 'displayName').trim() === ''
            ? {}
            : { displayName: field(data, 'displayName') }),
          ...(capacity === null ? {} : { capacity }),
        },
      });
      form.reset();
      setNotice({ done: t.created });
      props.onCreated();
    } catch (failure) {
      setNotice({ error: refusalOf(failure, t) });
    }
  };
  return (
    <form
      class="card form-grid"
      data-form="create-agent"
      onSubmit={(event) => {
        event.preventDefault();
        void submit(event.currentTarget);
      }}
    >
      <h2>{t.create}</h2>
      <label>
        {t.username}
        <input name="username" required autocomplete="off" />
      </label>
      <label>
        {t.displayName}
        <input name="displayName" autocomplete="off" />
      </label>
      <label>
        {t.password} <small>{t.passwordRule}</small>
        <input name="password" type="password" required minLength={8} autocomplete="new-password" />
      </label>
      <label>
        {t.role}
        <select name="role">
          <option value="agent">{t.roles.agent}</option>
          <option value="admin">{t.roles.admin}</option>
        </select>
      </label>
      <label>
        {t.groupList} <small>{t.groupListHint}</small>
        <input name="groups" autocomplete="off" />
      </label>
      <label>
        {t.capacity} <small>{t.capacityHint}</small>
        <input name="capacity" type="number" min={1} max={50} />
      </label>
      <div class="form-actions">
        <button type="submit" class="primary">
          {t.create}
        </button>
        <Notice {...notice} />
      </div>
    </form>
  );
}

function AgentRow(props: PageProps & { agent: AgentListing; onChanged: () => void }) {
  const { agent, labels } = props;
  const t = labels.text.people;
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<{ error?: string; done?: string }>({});
  const patch = async (body: Record<string, unknown>, done: string) => {
    try {
      await props.api.send(`/api/admin/agents/${encodeURIComponent(agent.username)}`, {
        method: 'PATCH',
        body,
      });
      setNotice({ done });
      setEditing(false);
      props.onChanged();
    } catch (failure) {
      setNotice({ error: refusalOf(failure, t) });
    }
  };
  const toggle = () => {
    if (!agent.disabled && !confirm(t.confirmDisable)) return;
    void patch({ disabled: !agent.disabled }, t.saved);
  };
  return (
    <tr data-agent={agent.username} class={agent.disabled ? 'muted' : ''}>
      <td>
        <strong>{agent.username}</strong>
        {agent.displayName === undefined ? null : <div class="sub">{agent.displayName}</div>}
      </td>
      {editing ? (
        <td colSpan={4}>
          <form
            class="inline-form"
            data-form="edit-agent"
            onSubmit={(event) => {
              event.preventDefault();
              const data = new FormData(event.currentTarget);
              const password = field(data, 'password');
              void patch(
                {
                  displayName: field(data, 'displayName').trim() || null,
                  role: field(data, 'role'),
                  groups: groupsOf(field(data, 'groups')),
                  capacity: capacityOf(field(data, 'capacity')),
                  ...(password === '' ? {} : { password }),
                },
                password === '' ? t.saved : t.passwordReset,
              );
            }}
          >
            <label>
              {t.displayName}
              <input name="displayName" value={agent.displayName ?? ''} />
            </label>
            <label>
              {t.role}
              <select name="role" value={agent.role}>
                <option value="agent">{t.roles.agent}</option>
                <option value="admin">{t.roles.admin}</option>
              </select>
            </label>
            <label>
              {t.groupList}
              <input name="groups" value={agent.groups.join(', ')} />
            </label>
            <label>
              {t.capacity}
              <input name="capacity" type="number" min={1} max={50} value={agent.capacity ?? ''} />
            </label>
            <label>
              {t.resetPassword} <small>{t.passwordRule}</small>
              <input name="password" type="password" minLength={8} autocomplete="new-password" />
            </label>
            <div class="form-actions">
              <button type="submit" class="primary">
                {t.save}
              </button>
              <button type="button" onClick={() => setEditing(false)}>
                {t.cancel}
              </button>
            </div>
          </form>
        </td>
      ) : (
        <>
          <td>{t.roles[agent.role]}</td>
          <td>{agent.groups.join(', ') || '—'}</td>
          <td>{agent.capacity ?? t.noLimit}</td>
          <td data-status>
            <span class={agent.disabled ? 'pill off' : 'pill on'}>
              {agent.disabled ? t.disabled : t.enabled}
            </span>
          </td>
        </>
      )}
      <td class="row-actions">
        {editing ? null : (
          <>
            <button type="button" data-action="edit" onClick={() => setEditing(true)}>
              {t.edit}
            </button>
            {agent.username === props.session.username ? null : (
              // An admin cannot disable themselves (the API refuses it too).
              <button type="button" data-action="toggle" onClick={toggle}>
                {agent.disabled ? t.enable : t.disable}
              </button>
            )}
          </>
        )}
        <Notice {...notice} />
      </td>
    </tr>
  );
}

/** A group's row; "rename" opens a form for its name and display name (members follow). */
function GroupRow(props: {
  group: AgentGroup;
  t: Dictionary['people'];
  run: (path: string, init: { method: string; body?: unknown }) => Promise<boolean>;
}) {
  const { group, t, run } = props;
  const [editing, setEditing] = useState(false);
  const path = `/api/admin/groups/${encodeURIComponent(group.name)}`;
  if (editing)
    return (
      <tr data-group={group.name}>
        <td colSpan={4}>
          <form
            class="inline-form"
            data-form="rename-group"
            onSubmit={(event) => {
              event.preventDefault();
              const data = new FormData(event.currentTarget);
              const name = field(data, 'name').trim();
              const displayName = field(data, 'displayName').trim();
              void run(path, {
                method: 'PATCH',
                body: {
                  ...(name === group.name ? {} : { name }),
                  displayName: displayName === '' ? null : displayName,
                },
              }).then((done) => done && setEditing(false));
            }}
          >
            <label>
              {t.groupName}
              <input name="name" required value={group.name} />
            </label>
            <label>
              {t.displayName}
              <input name="displayName" value={group.displayName ?? ''} />
            </label>
            <div class="form-actions">
              <button type="submit" class="primary">
                {t.save}
              </button>
              <button type="button" onClick={() => setEditing(false)}>
                {t.cancel}
              </button>
            </div>
          </form>
        </td>
      </tr>
    );
  return (
    <tr data-group={group.name}>
      <td>{group.name}</td>
      <td>{group.displayName ?? '—'}</td>
      <td>{group.members.join('，') || '—'}</td>
      <td class="row-actions">
        <button type="button" data-action="rename-group" onClick={() => setEditing(true)}>
          {t.renameGroup}
        </button>
        <button type="button" onClick={() => void run(path, { method: 'DELETE' })}>
          {t.deleteGroup}
        </button>
      </td>
    </tr>
  );
}

function GroupsCard(props: PageProps & { groups: AgentGroup[]; onChanged: () => void }) {
  const t = props.labels.text.people;
  const [error, setError] = useState<string>();
  const run = async (path: string, init: { method: string; body?: unknown }) => {
    try {
      await props.api.send(path, init);
      setError(undefined);
      props.onChanged();
      return true;
    } catch (failure) {
      setError(refusalOf(failure, t));
      return false;
    }
  };
  return (
    <section class="card" data-section="groups">
      <h2>{t.groups}</h2>
      <table>
        <thead>
          <tr>
            <th>{t.groupName}</th>
            <th>{t.displayName}</th>
            <th>{t.members}</th>
            <th>{t.actions}</th>
          </tr>
        </thead>
        <tbody>
          {props.groups.map((group) => (
            <GroupRow key={group.name} group={group} t={t} run={run} />
          ))}
        </tbody>
      </table>
      <form
        class="inline-form"
        data-form="create-group"
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const data = new FormData(form);
          const displayName = field(data, 'displayName').trim();
          void run('/api/admin/groups', {
            method: 'POST',
            body: { name: field(data, 'name'), ...(displayName === '' ? {} : { displayName }) },
          }).then((done) => done && form.reset());
        }}
      >
        <label>
          {t.groupName}
          <input name="name" required />
        </label>
        <label>
          {t.displayName}
          <input name="displayName" />
        </label>
        <div class="form-actions">
          <button type="submit">{t.createGroup}</button>
        </div>
      </form>
      <Notice error={error} />
    </section>
  );
}

/** People: agent accounts and groups, every change through the admin API (audited there). */
export function PeoplePage(props: PageProps) {
  const t = props.labels.text;
  const [agents, setAgents] = useState<AgentListing[]>();
  const [groups, setGroups] = useState<AgentGroup[]>([]);
  const [error, setError] = useState<string>();
  const { api } = props;
  const load = useCallback(() => {
    Promise.all([api.json(Agents, '/api/admin/agents'), api.json(Groups, '/api/admin/groups')])
      .then(([a, g]) => {
        setAgents(a.items);
        setGroups(g.items);
        setError(undefined);
      })
      .catch((failure: unknown) => setError(messageOf(failure)));
  }, [api]);
  useEffect(load, [load]);
  return (
    <div class="page people">
      <Notice error={error} />
      <section class="card" data-section="agents">
        <h2>{t.people.agents}</h2>
        {agents === undefined ? (
          <p class="loading">{t.loading}</p>
        ) : (
          <div class="scroll">
            <table>
              <thead>
                <tr>
                  <th>{t.people.username}</th>
                  <th>{t.people.role}</th>
                  <th>{t.people.groupList}</th>
                  <th>{t.people.capacity}</th>
                  <th>{t.people.status}</th>
                  <th>{t.people.actions}</th>
                </tr>
              </thead>
              <tbody>
                {agents.map((agent) => (
                  <AgentRow key={agent.username} {...props} agent={agent} onChanged={load} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <div class="two-columns">
        <CreateAgent {...props} onCreated={load} />
        <GroupsCard {...props} groups={groups} onChanged={load} />
      </div>
    </div>
  );
}
