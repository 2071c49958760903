import { useState } from 'preact/hooks';
import { StaffLoginForm, type Credentials } from '../../staff/login-form.js';
import type { Labels } from '../i18n/labels.js';
import { login } from './api.js';
import { messageOf } from './form.js';
import type { Session } from './page.js';

/** The agent login; an account without the admin role is told so and not let in. */
export function LoginForm(props: { labels: Labels; onLogin: (session: Session) => void }) {
  const t = props.labels.text;
  const [error, setError] = useState<string>();
  const submit = async ({ username, password }: Credentials) => {
    try {
      const reply = await login(username, password);
      if (reply.agent.role !== 'admin') return setError(t.login.notAdmin);
      props.onLogin({ token: reply.token, username: reply.agent.username });
    } catch (failure) {
      setError(`${t.login.failed}${messageOf(failure)}`);
    }
  };
  return (
    <StaffLoginForm text={t.login} headingLevel={2} class="card" error={error} onSubmit={submit} />
  );
}
