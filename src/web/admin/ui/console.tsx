import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Language } from '../../../domain/taxonomy.js';
import { labelsFor } from '../i18n/labels.js';
import { AdminApi } from './api.js';
import { LoginForm } from './login.js';
import type { AdminPage, Session } from './page.js';
import { PAGES } from './pages.js';
import { SetupPage } from './setup.js';

const SESSION = 'qingting.admin';
const BASE = '/admin';

function storedSession(): Session | undefined {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(SESSION) ?? 'null');
    if (typeof value === 'object' && value !== null && 'token' in value && 'username' in value)
      return { token: String(value.token), username: String(value.username) };
  } catch {
    // A damaged entry means logging in again.
  }
  return undefined;
}

/** `/admin/config/flows` → `['config', 'flows']`. */
function segmentsOf(pathname: string): string[] {
  return pathname
    .slice(BASE.length)
    .split('/')
    .filter((segment) => segment !== '')
    .map(decodeURIComponent);
}

function pageFor(first: string): AdminPage | undefined {
  return PAGES.find((page) => page.path === first || page.aliases?.includes(first) === true);
}

const hrefOf = (page: AdminPage): string => (page.path === '' ? BASE : `${BASE}/${page.path}`);

/** The admin console: login, navigation from the page registry, path routing, zh/en. */
function Console() {
  const [lang, setLang] = useState<Language>(() =>
    navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en',
  );
  const labels = useMemo(() => labelsFor(lang), [lang]);
  const [session, setSession] = useState(storedSession);
  const [pathname, setPathname] = useState(location.pathname);
  const t = labels.text;
  useEffect(() => {
    document.title = t.title;
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [t, lang]);
  useEffect(() => {
    const onPop = () => setPathname(location.pathname);
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  const logout = useMemo(
    () => () => {
      sessionStorage.removeItem(SESSION);
      setSession(undefined);
    },
    [],
  );
  const navigate = useMemo(
    () => (path: string) => {
      history.pushState(null, '', path);
      setPathname(new URL(path, location.href).pathname);
    },
    [],
  );
  const api = useMemo(
    () => (session === undefined ? undefined : new AdminApi(session.token, logout)),
    [session, logout],
  );
  const [first = '', ...rest] = segmentsOf(pathname);
  const page = pageFor(first);
  const login = (value: Session) => {
    sessionStorage.setItem(SESSION, JSON.stringify(value));
    setSession(value);
  };
  return (
    <>
      <header class="top">
        <h1>{t.title}</h1>
        {session === undefined ? null : (
          <nav aria-label={t.nav.label}>
            {PAGES.map((entry) => (
              <a
                href={hrefOf(entry)}
                aria-current={entry === page ? 'page' : undefined}
                onClick={(event) => {
                  if (event.ctrlKey || event.metaKey || event.shiftKey) return;
                  event.preventDefault();
                  navigate(hrefOf(entry));
                }}
              >
                {t.nav[entry.label]}
              </a>
            ))}
          </nav>
        )}
        <button type="button" class="lang" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {t.language}
        </button>
        {session === undefined ? null : (
          <button type="button" class="logout" onClick={logout}>
            {session.username} · {t.logout}
          </button>
        )}
      </header>
      <main>
        {first === 'setup' ? (
          // First run: the page outside the login, which leads home once the admin exists.
          <SetupPage
            labels={labels}
            onLogin={(value) => {
              login(value);
              navigate(BASE);
            }}
          />
        ) : session === undefined || api === undefined ? (
          <LoginForm labels={labels} onLogin={login} />
        ) : page === undefined ? (
          <p class="error" role="alert">
            {t.nav.notFound}
          </p>
        ) : (
          <page.component
            key={page.path}
            session={session}
            api={api}
            labels={labels}
            lang={lang}
            rest={rest}
            navigate={navigate}
          />
        )}
      </main>
    </>
  );
}

const root = document.getElementById('app');
if (root !== null) render(<Console />, root);
