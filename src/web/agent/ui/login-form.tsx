import { useState } from 'preact/hooks';
import type { Failure } from '../i18n/dictionary.js';
import type { ConsoleLabels } from '../i18n/labels.js';
import { ApiError, login } from './api.js';
import { ErrorLine } from './text.js';

/** Why the console is back at the login: a failure, or the server ended the session. */
export type LogoutReason = Failure | 'session_ended';

/** The agent login; a failure is said in the agent's language and goes with the next good login. */
export function LoginForm(props: {
  labels: ConsoleLabels;
  /** Why the agent is here again (an expired session), shown until they log in. */
  reason?: LogoutReason;
  onLogin: (token: string) => void;
}) {
  const t = props.labels.text;
  const [failure, setFailure] = useState<Failure | undefined>(
    props.reason === 'session_ended' ? undefined : props.reason,
  );
  const [ended, setEnded] = useState(props.reason === 'session_ended');
  const submit = async (form: FormData): Promise<void> => {
    const field = (name: string): string => {
      const value = form.get(name);
      return typeof value === 'string' ? value : '';
    };
    try {
      const reply = await login(field('username'), field('password'));
      setFailure(undefined);
      setEnded(false);
      props.onLogin(reply.token);
    } catch (error) {
      setEnded(false);
      setFailure(error instanceof ApiError ? error.failure : 'unknown');
    }
  };
  return (
    <form
      class="login"
      onSubmit={(event) => {
        event.preventDefault();
        void submit(new FormData(event.currentTarget));
      }}
    >
      <h1>{t.title}</h1>
      <label>
        {t.login.username}
        <input name="username" autocomplete="username" required />
      </label>
      <label>
        {t.login.password}
        <input name="password" type="password" autocomplete="current-password" required />
      </label>
      <button type="submit">{t.login.submit}</button>
      <ErrorLine class="session-ended" message={ended ? t.attention.sessionEnded : undefined} />
      <ErrorLine
        class="login-error"
        message={failure === undefined ? undefined : `${t.login.failed}${t.failures[failure]}`}
      />
    </form>
  );
}
