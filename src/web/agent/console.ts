import { io, type Socket } from 'socket.io-client';
import type { AgentServerEvents, QueueItem } from '../../handoff/agent-events.js';
import { ApiError, ConsoleApi } from './console-api.js';
import { CONSOLE_TEXT, pickConsoleLanguage } from './console-i18n.js';
import { ConversationPanel } from './conversation-panel.js';
import { beep, clock, el, isolated } from './dom.js';

/**
 * The agent console at `/agent`: log in, watch the queue by priority, claim, and work several
 * conversations at once. Everything from the server is shown with textContent; drafts survive a
 * reload in localStorage; a new case beeps and badges the tab title.
 */
const TOKEN_KEY = 'qingting.agent.token';
const t = CONSOLE_TEXT[pickConsoleLanguage()];
const api = new ConsoleApi(() => localStorage.getItem(TOKEN_KEY) ?? undefined);
const queue = new Map<string, { item: QueueItem; receivedAt: number }>();
const panels = new Map<string, ConversationPanel>();
let socket: Socket<AgentServerEvents, Record<string, never>> | undefined;
let audio: AudioContext | undefined;
let unseen = 0;
let active: string | undefined;

const app = document.getElementById('app') ?? document.body;
const status = el('div', { className: 'status', attrs: { role: 'status' } });
const queueList = el('ol', { className: 'queue' });
const tabs = el('nav', { className: 'tabs' });
const stage = el('div', { className: 'stage' });
document.title = t.title;

function showError(error: unknown): void {
  status.textContent = error instanceof Error ? error.message : String(error);
  if (error instanceof ApiError && error.status === 401) logout();
}

function badge(): void {
  document.title = unseen > 0 ? `(${unseen}) ${t.title}` : t.title;
}

function loginForm(): void {
  const username = el('input', {
    attrs: { name: 'username', placeholder: t.username, autocomplete: 'username' },
  });
  const password = el('input', {
    attrs: {
      name: 'password',
      type: 'password',
      placeholder: t.password,
      autocomplete: 'current-password',
    },
  });
  const submit = el('button', { text: t.login, attrs: { type: 'submit' } });
  const form = el('form', { className: 'login' }, [
    el('h1', { text: t.title }),
    username,
    password,
    submit,
    status,
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    audio ??= new AudioContext();
    ConsoleApi.login(username.value, password.value).then(
      ({ token }) => {
        localStorage.setItem(TOKEN_KEY, token);
        void start();
      },
      (error: unknown) => {
        status.textContent = `${t.loginFailed}${error instanceof Error ? error.message : ''}`;
      },
    );
  });
  app.replaceChildren(form);
}

function logout(): void {
  localStorage.removeItem(TOKEN_KEY);
  socket?.disconnect();
  socket = undefined;
  queue.clear();
  panels.clear();
  loginForm();
}

async function start(): Promise<void> {
  const me = await api.me();
  const out = el('button', { className: 'logout', text: t.logout });
  out.addEventListener('click', logout);
  app.replaceChildren(
    el('header', {}, [
      el('h1', { text: t.title }),
      el('span', { className: 'me', text: me.agent.username }),
      out,
    ]),
    el('main', {}, [
      el('section', { className: 'queue-panel' }, [el('h2', { text: t.queue }), queueList]),
      el('section', { className: 'work' }, [el('h2', { text: t.conversations }), tabs, stage]),
    ]),
    status,
  );
  connect();
  for (const item of await api.queue()) queue.set(item.id, { item, receivedAt: Date.now() });
  renderQueue();
  for (const { id } of me.assigned) await open(id);
  renderStage();
}

function connect(): void {
  socket = io('/agent', {
    auth: (give) => give({ token: localStorage.getItem(TOKEN_KEY) ?? '' }),
    transports: ['websocket', 'polling'],
  });
  socket.on('connect_error', (error) => showError(error));
  socket.on('queue:added', (item) => {
    queue.set(item.id, { item, receivedAt: Date.now() });
    unseen += 1;
    badge();
    beep(audio);
    renderQueue();
  });
  socket.on('queue:removed', ({ id }) => {
    queue.delete(id);
    renderQueue();
  });
  socket.on(
    'handoff:assigned',
    ({ handoff }) => void open(handoff.id).then(renderStage, showError),
  );
  socket.on('handoff:released', ({ id }) => drop(id));
  socket.on('handoff:closed', ({ id }) => {
    queue.delete(id);
    renderQueue();
  });
  socket.on('customer:message', ({ handoffId, message }) =>
    panels.get(handoffId)?.addMessage(message),
  );
  socket.on('handoff:updated', ({ id, changed, summary }) => {
    panels.get(id)?.updateSummary(summary, changed);
    const queued = queue.get(id);
    if (queued) queue.set(id, { ...queued, item: { ...queued.item, summary } });
  });
  socket.on('handoff:alert', (alert) => {
    status.textContent = `${t.alert[alert.kind]}: ${alert.ticketId}`;
  });
}

function renderQueue(): void {
  const rows = [...queue.values()].sort((a, b) => b.item.priority - a.item.priority);
  if (rows.length === 0) {
    queueList.replaceChildren(el('li', { className: 'empty', text: t.empty }));
    return;
  }
  queueList.replaceChildren(
    ...rows.map(({ item, receivedAt }) => {
      const s = item.summary;
      const claim = el('button', { className: 'claim', text: t.claim });
      claim.addEventListener('click', () => {
        api.claim(item.id).then(
          () => open(item.id).then(renderStage),
          (error: unknown) =>
            showError(error instanceof ApiError && error.status === 409 ? t.taken : error),
        );
      });
      const waited = el('span', {
        className: 'waiting',
        text: clock(item.waitingSeconds),
        attrs: { 'data-base': String(item.waitingSeconds), 'data-since': String(receivedAt) },
      });
      return el('li', { className: `case ${s.severity}`, attrs: { 'data-id': item.id } }, [
        el('strong', { text: `${s.severity} · ${s.ticketId}` }),
        el('span', { className: 'priority', text: `★ ${item.priority}` }),
        waited,
        el('span', {
          className: `emotion ${s.emotion.current.emotion}`,
          text: `${s.emotion.current.emotion} ${s.emotion.current.intensity.toFixed(1)}`,
        }),
        el('span', { className: 'flags', text: s.flags.join(' ') }),
        isolated(s.demand ?? s.category, 'demand'),
        claim,
      ]);
    }),
  );
}

async function open(id: string): Promise<void> {
  if (!panels.has(id)) {
    const detail = await api.detail(id);
    panels.set(id, new ConversationPanel(detail, api, t, drop, showError));
  }
  active = id;
}

function drop(id: string): void {
  panels.delete(id);
  if (active === id) active = panels.keys().next().value;
  renderStage();
}

function renderStage(): void {
  tabs.replaceChildren(
    ...[...panels.values()].map((panel) => {
      const tab = el('button', {
        className: panel.id === active ? 'tab active' : 'tab',
        text: panel.label,
      });
      tab.addEventListener('click', () => {
        active = panel.id;
        renderStage();
      });
      return tab;
    }),
  );
  const current = active === undefined ? undefined : panels.get(active);
  stage.replaceChildren(current?.root ?? el('p', { className: 'hint', text: t.noConversation }));
}

setInterval(() => {
  for (const node of queueList.querySelectorAll<HTMLElement>('.waiting')) {
    const base = Number(node.dataset['base']);
    const since = Number(node.dataset['since']);
    node.textContent = clock(base + (Date.now() - since) / 1000);
  }
}, 1000);
window.addEventListener('focus', () => {
  unseen = 0;
  badge();
});

if (localStorage.getItem(TOKEN_KEY) === null) loginForm();
else
  start().catch((error: unknown) => {
    loginForm();
    showError(error);
  });
