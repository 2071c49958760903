import { useEffect, useState } from 'preact/hooks';
import { z } from 'zod';
import type { Labels } from '../i18n/labels.js';
import { ApiError, LoginReply, postJson } from './api.js';
import { field, messageOf } from './form.js';
import type { Session } from './page.js';

const Ok = z.object({ ok: z.literal(true) });

/** First run (`/admin/setup?token=…`): the first admin creates their account and is logged in. */
export function SetupPage(props: { labels: Labels; onLogin: (session: Session) => void }) {
  const t = props.labels.text;
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const [state, setState] = useState<'checking' | 'open' | 'dead'>('checking');
  const [error, setError] = useState<string>();
  useEffect(() => {
    fetch(`/api/admin/setup?token=${encodeURIComponent(token)}`)
      .then(async (response) => {
        const body: unknown = await response.json();
        if (response.ok && Ok.safeParse(body).success) return setState('open');
        setState('dead');
        setError(
          z.object({ error: z.string() }).safeParse(body).data?.error ?? String(response.status),
        );
      })
      .catch((failure: unknown) => {
        setState('dead');
        setError(messageOf(failure));
      });
  }, [token]);
  const submit = async (data: FormData) => {
    const displayName = field(data, 'displayName').trim();
    try {
      const reply = await postJson(
        '/api/admin/setup',
        {
          token,
          username: field(data, 'username'),
          password: field(data, 'password'),
          ...(displayName === '' ? {} : { displayName }),
        },
        LoginReply,
      );
      props.onLogin({ token: reply.token, username: reply.agent.username });
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 410) setState('dead');
      setError(messageOf(failure));
    }
  };
  return (
    <form
      class="card login setup"
      onSubmit={(event) => {
        event.preventDefault();
        void submit(new FormData(event.currentTarget));
      }}
    >
      <h2>{t.setup.heading}</h2>
      {state === 'checking' ? <p class="loading">{t.setup.checking}</p> : null}
      {state === 'open' ? (
        <>
          <p class="sub">{t.setup.intro}</p>
          <label>
            {t.login.username}
            <input name="username" autocomplete="username" required />
          </label>
          <label>
            {t.people.displayName}
            <input name="displayName" autocomplete="name" />
          </label>
          <label>
            {t.login.password} <small>{t.people.passwordRule}</small>
            <input
              name="password"
              type="password"
              autocomplete="new-password"
              minLength={8}
              required
            />
          </label>
          <button type="submit">{t.setup.submit}</button>
        </>
      ) : null}
      {error === undefined ? null : (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
