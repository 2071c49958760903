import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  MessageAck,
  ServerToClientEvents,
} from '../../channels/web/protocol.js';
import type { Message } from '../../domain/message.js';
import { ChatView } from './chat-view.js';
import { describeHandoff, pickLanguage, stringsFor } from './i18n.js';

/**
 * `<script src="https://host/widget.js" defer></script>` puts the chat on a page. Options as data
 * attributes: `data-lang="zh|en"`, `data-open="true"`. The session id lives in localStorage, so a
 * reload or a reconnect resumes the same conversation; unacknowledged messages are re-sent with the
 * same clientMessageId, which the server de-duplicates.
 */
const SESSION_KEY = 'qingting.sessionId';
const ACK_TIMEOUT_MS = 10_000;

const script = document.currentScript as HTMLScriptElement | null;
const origin = script?.src ? new URL(script.src).origin : window.location.origin;
const lang = pickLanguage(script?.dataset.lang);
const t = stringsFor(lang);

interface Outgoing {
  text: string;
  clientMessageId: string;
  view: ReturnType<ChatView['pending']>;
}
const unacknowledged = new Map<string, Outgoing>();

const host = document.createElement('div');
host.id = 'qingting-chat';
/** The agent console shows the customer typing; once every few seconds is enough. */
const TYPING_EVERY_MS = 2000;
let typedAt = 0;
const view = new ChatView(
  host,
  t,
  (text) => send(text),
  () => {
    if (!socket.connected || Date.now() - typedAt < TYPING_EVERY_MS) return;
    typedAt = Date.now();
    socket.emit('typing');
  },
);

const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(`${origin}/chat`, {
  auth: (give) => give({ sessionId: readSession(), lang }),
  transports: ['websocket', 'polling'],
});

/**
 * Read receipts: the newest message shown is reported once the customer can see it (the panel is
 * open and the page visible), so the agent sees 已读. The server passes on at most one a second.
 */
let newest: string | undefined;
let reported: string | undefined;
function reportRead(): void {
  if (newest === undefined || newest === reported || !socket.connected) return;
  if (!view.isOpen || document.visibilityState !== 'visible') return;
  reported = newest;
  socket.emit('read', { upTo: newest });
}
function shown(message: Message): void {
  newest = message.id;
  reportRead();
}
view.onOpened = reportRead;
document.addEventListener('visibilitychange', reportRead);

view.setStatus(t.connecting);
socket.on('session', ({ sessionId, history }) => {
  writeSession(sessionId);
  view.setStatus('');
  view.reset(history);
  reported = undefined;
  const last = history.at(-1);
  if (last !== undefined) shown(last);
  for (const outgoing of unacknowledged.values()) {
    outgoing.view = view.pending(outgoing.text);
    transmit(outgoing);
  }
});
socket.on('message', (message) => {
  view.show(message);
  shown(message);
});
socket.on('typing', ({ from }) => view.showTyping(from));
socket.on('handoff', (status) => view.setStatus(describeHandoff(status, lang)));
socket.on('disconnect', (reason) => {
  view.setStatus(t.reconnecting);
  // socket.io reconnects by itself except when the server ended the session (e.g. a restart).
  if (reason === 'io server disconnect')
    window.setTimeout(() => socket.connect(), 1000 + Math.random() * 2000);
});
socket.on('connect_error', () => view.setStatus(t.reconnecting));

function send(text: string): void {
  typedAt = 0; // what is typed next is a new burst, shown at once
  const outgoing: Outgoing = { text, clientMessageId: newId(), view: view.pending(text) };
  unacknowledged.set(outgoing.clientMessageId, outgoing);
  if (socket.connected) transmit(outgoing);
}

/** Sends once; a timeout leaves the message queued for the next `session` (reconnect). */
function transmit(outgoing: Outgoing): void {
  socket
    .timeout(ACK_TIMEOUT_MS)
    .emit(
      'message',
      { text: outgoing.text, clientMessageId: outgoing.clientMessageId },
      (error: Error | null, ack: MessageAck) => {
        if (error) return;
        unacknowledged.delete(outgoing.clientMessageId);
        if (ack.ok) outgoing.view.sent(ack.id);
        else outgoing.view.failed(t.errors[ack.error], () => send(outgoing.text));
      },
    );
}

function newId(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

function readSession(): string | undefined {
  try {
    return window.localStorage.getItem(SESSION_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

function writeSession(sessionId: string): void {
  try {
    window.localStorage.setItem(SESSION_KEY, sessionId);
  } catch {
    // Private mode: the session lasts as long as the page.
  }
}

function mount(): void {
  document.body.append(host);
  if (script?.dataset.open === 'true') view.setOpen(true);
}
if (document.body) mount();
else document.addEventListener('DOMContentLoaded', mount, { once: true });
