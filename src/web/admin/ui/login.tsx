import { useState } from 'preact/hooks';
import type { Labels } from '../i18n/labels.js';
import { login } from './api.js';
import { field, messageOf } from './form.js';
import type { Session } from './page.js';

/** The agent login; an account without the admin role is told so and not let in. */
export function LoginForm(props: { labels: Labels; onLogin: (session: Session) => void }) {
  const t = props.labels.text;
  const [error, setError] = useState<string>();
  const submit = async (form: FormData) => {
    try {
      const reply = await login(field(form, 'username'), field(form, 'password'));
      if (reply.agent.role !== 'admin') return setError(t.login.notAdmin);
      props.onLogin({ token: reply.token, username: reply.agent.username });
    } catch (failure) {
      setError(`${t.login.failed}${messageOf(failure)}`);
    }
  };
  return (
    <form
      class="card login"
      onSubmit={(event) => {
        event.preventDefault();
        void submit(new FormData(event.currentTarget));
      }}
    >
      <h2>{t.login.heading}</h2>
      <label>
        {t.login.username}
        <input name="username" autocomplete="username" required />
      </label>
      <label>
        {t.login.password}
        <input name="password" type="password" autocomplete="current-password" required />
      </label>
      <button type="submit">{t.login.submit}</button>
      {error === undefined ? null : (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
