import { useState } from 'preact/hooks';
import { StaffLoginForm, type Credentials } from '../../staff/login-form.js';
import type { Failure } from '../i18n/dictionary.js';
import type { ConsoleLabels } from '../i18n/labels.js';
import { ApiError, login } from './api.js';

/** The agent login; a failure is said in the agent's language and goes with the next good login. */
export function LoginForm(props: {
  labels: ConsoleLabels;
  /** Why the agent is here again (an expired session), shown until they log in. */
  reason?: Failure;
  onLogin: (token: string) => void;
}) {
  const t = props.labels.text;
  const [failure, setFailure] = useState<Failure | undefined>(props.reason);
  const submit = async ({ username, password }: Credentials): Promise<void> => {
    try {
      const reply = await login(username, password);
      setFailure(undefined);
      props.onLogin(reply.token);
    } catch (error) {
      setFailure(error instanceof ApiError ? error.failure : 'unknown');
    }
  };
  return (
    <StaffLoginForm
      text={{ heading: t.title, ...t.login }}
      headingLevel={1}
      errorClass="login-error"
      error={failure === undefined ? undefined : `${t.login.failed}${t.failures[failure]}`}
      onSubmit={submit}
    />
  );
}
