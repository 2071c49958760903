import { render } from 'preact';
import { useState } from 'preact/hooks';
import { consoleLabels, pickConsoleLanguage } from '../i18n/labels.js';
import { LoginForm, type LogoutReason } from './login-form.js';
import { Workspace } from './workspace.js';

/**
 * The agent console at `/agent` (Preact, src/web/admin/README.md): log in, watch the queue by
 * priority, claim, and work several conversations at once. Drafts survive a reload in localStorage.
 */
const TOKEN_KEY = 'qingting.agent.token';
const labels = consoleLabels(pickConsoleLanguage());
document.documentElement.lang = labels.lang === 'zh' ? 'zh-CN' : 'en';
document.title = labels.text.title;

function Console() {
  const [token, setToken] = useState(() => localStorage.getItem(TOKEN_KEY) ?? undefined);
  const [reason, setReason] = useState<LogoutReason>();
  // Audio may only start after a gesture: the login click creates it.
  const [audio, setAudio] = useState<AudioContext>();
  if (token === undefined)
    return (
      <LoginForm
        labels={labels}
        reason={reason}
        onLogin={(next) => {
          localStorage.setItem(TOKEN_KEY, next);
          setAudio((current) => current ?? new AudioContext());
          setReason(undefined);
          setToken(next);
        }}
      />
    );
  return (
    <Workspace
      token={token}
      labels={labels}
      audio={audio}
      onLogout={(why) => {
        localStorage.removeItem(TOKEN_KEY);
        setReason(why);
        setToken(undefined);
      }}
    />
  );
}

render(<Console />, document.getElementById('app') ?? document.body);
