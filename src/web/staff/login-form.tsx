/** What a staff login form says, from the console's own dictionary. */
export interface LoginFormText {
  heading: string;
  username: string;
  password: string;
  submit: string;
}

export interface Credentials {
  username: string;
  password: string;
}

/**
 * The staff login form both consoles show: user name, password, a submit button and one error
 * line (`role="alert"`). It only reads the fields; what a login does, and which error to show,
 * stays with each console (the admin console refuses an account without the admin role, the
 * agent console says why a session ended) — so one form, with each console's words and rules.
 */
export function StaffLoginForm(props: {
  text: LoginFormText;
  /** The console's heading level: the agent console's login is the whole page (h1). */
  headingLevel: 1 | 2;
  /** Classes of the form besides `login` (the admin console draws it as a card). */
  class?: string;
  /** The class of the error line besides `error`. */
  errorClass?: string;
  /** The error to show, already in the staff member's language; none hides the line. */
  error: string | undefined;
  onSubmit: (credentials: Credentials) => void | Promise<void>;
}) {
  const Heading = props.headingLevel === 1 ? 'h1' : 'h2';
  return (
    <form
      class={props.class === undefined ? 'login' : `${props.class} login`}
      onSubmit={(event) => {
        event.preventDefault();
        void props.onSubmit(credentialsOf(new FormData(event.currentTarget)));
      }}
    >
      <Heading>{props.text.heading}</Heading>
      <label>
        {props.text.username}
        <input name="username" autocomplete="username" required />
      </label>
      <label>
        {props.text.password}
        <input name="password" type="password" autocomplete="current-password" required />
      </label>
      <button type="submit">{props.text.submit}</button>
      {props.error === undefined ? null : (
        <p
          class={props.errorClass === undefined ? 'error' : `error ${props.errorClass}`}
          role="alert"
        >
          {props.error}
        </p>
      )}
    </form>
  );
}

function credentialsOf(form: FormData): Credentials {
  const field = (name: string): string => {
    const value = form.get(name);
    return typeof value === 'string' ? value : '';
  };
  return { username: field('username'), password: field('password') };
}
