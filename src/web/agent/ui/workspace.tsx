import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { io, type Socket } from 'socket.io-client';
import type { Message } from '../../../domain/message.js';
import type {
  AgentClientEvents,
  AgentServerEvents,
  HandoffDetail,
  QueueItem,
} from '../../../handoff/agent-events.js';
import type { CannedResponse } from '../../../handoff/canned-response.js';
import type { Failure } from '../i18n/dictionary.js';
import type { ConsoleLabels } from '../i18n/labels.js';
import { ApiError, ConsoleApi } from './api.js';
import {
  beep,
  chooseNotifications,
  isMuted,
  notificationChoice,
  notifyAway,
  setMuted,
  windowAway,
} from './attention.js';
import { AvailabilitySwitch, type AvailabilityChanged } from './availability-switch.js';
import { CaseView } from './case-view.js';
import { FollowUpList } from './follow-up-list.js';
import type { LogoutReason } from './login-form.js';
import { ShortcutHelp } from './shortcut-help.js';
import { caseAfter, isTextBox, shortcutOf, type ShortcutName } from './shortcuts.js';
import { Inbox } from './inbox.js';
import { Supervisor } from './supervisor.js';
import { classes } from './text.js';
import { TicketSearch } from './ticket-search.js';
import {
  afterCustomerMessage,
  attentionCount,
  seen,
  titleWithCount,
  type Unread,
} from './unread.js';

type OpenCase = { detail: HandoffDetail; changed: readonly string[] };
type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;

/** Socket events after which the inbox lists and counts are fetched again. */
const INBOX_EVENTS: ReadonlySet<string> = new Set([
  'queue:added',
  'queue:removed',
  'handoff:assigned',
  'handoff:released',
  'handoff:closed',
  'handoff:marked',
  'handoff:updated',
]);

/** How long "the customer is typing" shows after their last keystroke reached us. */
const TYPING_SHOWN_MS = 5000;

const without = <V,>(record: Readonly<Record<string, V>>, id: string): Record<string, V> => {
  const rest = { ...record };
  delete rest[id];
  return rest;
};

/** Adds a message once: the console's own echo and a socket replay must not show twice. */
function withMessage(open: OpenCase, message: Message): OpenCase {
  if (open.detail.transcript.some((m) => m.id === message.id)) return open;
  return { ...open, detail: { ...open.detail, transcript: [...open.detail.transcript, message] } };
}

/** Where each focusing shortcut puts the focus. */
const FOCUS_TARGETS: Partial<Record<ShortcutName, string>> = {
  reply: '.conversation .reply',
  note: '.conversation .note-input',
  closeCase: '.conversation .resolution',
  search: '.search-input',
};
const focusOn = (selector: string): void => document.querySelector<HTMLElement>(selector)?.focus();

/**
 * The logged-in console: the live queue by priority, the agent's open cases as tabs, the case
 * view. Attention (issue 15 §5): each tab counts the customer messages the agent has not seen
 * (seen: its tab is active while the window has focus), the title counts those plus the cases
 * waiting in the queue; a new case beeps (unless muted) and, while the agent is
 * away, new cases and messages raise a desktop notification if the agent turned them on.
 */
export function Workspace(props: {
  token: string;
  labels: ConsoleLabels;
  audio: AudioContext | undefined;
  onLogout: (reason?: LogoutReason) => void;
}) {
  const { labels } = props;
  const t = labels.text;
  const api = useMemo(() => new ConsoleApi(props.token), [props.token]);
  const [me, setMe] = useState<string>();
  const [inboxTick, setInboxTick] = useState(0);
  const [supervisor, setSupervisor] = useState<{ may: boolean; open: boolean }>();
  const [cases, setCases] = useState<Readonly<Record<string, OpenCase>>>({});
  const [active, setActive] = useState<string>();
  const [claimErrors, setClaimErrors] = useState<Readonly<Record<string, Failure>>>({});
  const [status, setStatus] = useState<string>();
  /** The waiting cases, from the socket: the title counts them and Alt+C claims the top one. */
  const [queued, setQueued] = useState<Readonly<Record<string, QueueItem>>>({});
  const [unread, setUnread] = useState<Unread>({});
  const [focused, setFocused] = useState(() => !windowAway());
  const [readUpTo, setReadUpTo] = useState<Readonly<Record<string, string>>>({});
  const [muted, setMutedState] = useState(isMuted);
  const [notifications, setNotifications] = useState(notificationChoice);
  const [helpOpen, setHelpOpen] = useState(false);
  const [followUpsAsked, setFollowUpsAsked] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const [canned, setCanned] = useState<readonly CannedResponse[]>([]);
  const [customerTyping, setCustomerTyping] = useState<ReadonlySet<string>>(new Set());
  const [teamChange, setTeamChange] = useState<AvailabilityChanged>();
  const socketRef = useRef<AgentSocket | undefined>(undefined);
  const onLogout = useRef(props.onLogout);
  onLogout.current = props.onLogout;
  // Socket handlers are registered once; they read what the agent is looking at through refs.
  const activeRef = useRef(active);
  activeRef.current = active;
  const casesRef = useRef(cases);
  casesRef.current = cases;
  const mutedRef = useRef(muted);
  mutedRef.current = muted;

  /** An expired token logs out; anything else is said in the status line. */
  const fail = (error: unknown): void => {
    if (error instanceof ApiError && error.failure === 'unauthorized')
      return onLogout.current('unauthorized');
    setStatus(t.failures[error instanceof ApiError ? error.failure : 'unknown']);
  };

  const open = async (id: string): Promise<void> => {
    const detail = await api.detail(id);
    setCases((current) =>
      id in current ? current : { ...current, [id]: { detail, changed: [] } },
    );
    setActive(id);
  };
  /** A case left the agent: the next one they still have, if any, comes to the front. */
  const drop = (id: string): void => {
    setCases((current) => without(current, id));
    setActive((current) =>
      current === id ? Object.keys(casesRef.current).find((other) => other !== id) : current,
    );
  };

  const count = attentionCount(unread, Object.keys(queued).length);
  useEffect(() => {
    document.title = titleWithCount(t.title, count);
  }, [count, t.title]);
  useEffect(() => {
    const look = (): void => setFocused(!windowAway());
    window.addEventListener('focus', look);
    window.addEventListener('blur', look);
    document.addEventListener('visibilitychange', look);
    return () => {
      window.removeEventListener('focus', look);
      window.removeEventListener('blur', look);
      document.removeEventListener('visibilitychange', look);
    };
  }, []);
  // The active case, looked at with the window focused, has nothing unread.
  useEffect(() => {
    if (focused && active !== undefined) setUnread((current) => seen(current, active));
  }, [focused, active]);

  useEffect(() => {
    const socket: AgentSocket = io('/agent', {
      auth: { token: props.token },
      transports: ['websocket', 'polling'],
    });
    socketRef.current = socket;
    const typingTimers = new Map<string, number>();
    const stopTyping = (handoffId: string): void =>
      setCustomerTyping((typing) => {
        if (!typing.has(handoffId)) return typing;
        const next = new Set(typing);
        next.delete(handoffId);
        return next;
      });
    socket.on('customer:typing', ({ handoffId }) => {
      setCustomerTyping((current) => new Set(current).add(handoffId));
      window.clearTimeout(typingTimers.get(handoffId));
      typingTimers.set(
        handoffId,
        window.setTimeout(() => stopTyping(handoffId), TYPING_SHOWN_MS),
      );
    });
    socket.onAny((event: string) => {
      if (INBOX_EVENTS.has(event)) setInboxTick((n) => n + 1);
    });
    socket.on('handoff:marked', ({ id, labels, waiting }) =>
      setCases((current) => {
        const open = current[id];
        if (open === undefined) return current;
        return { ...current, [id]: { ...open, detail: { ...open.detail, labels, waiting } } };
      }),
    );
    socket.on('connect', () => setStatus(undefined));
    socket.on('connect_error', (error) => {
      if (error.message === 'unauthorized') onLogout.current('unauthorized');
      else setStatus(t.failures.network);
    });
    // The server ended the console (a disabled account, ended sessions): back to the login, said why.
    socket.on('disconnect', (reason) => {
      if (reason !== 'io server disconnect') return; // socket.io reconnects by itself
      api.me().then(
        () => socket.connect(),
        (error: unknown) => {
          if (error instanceof ApiError && error.failure === 'unauthorized')
            onLogout.current('session_ended');
          else setStatus(t.failures.network);
        },
      );
    });
    socket.on('queue:added', (item) => {
      setQueued((current) => ({ ...current, [item.id]: item }));
      if (!mutedRef.current) beep(props.audio);
      notifyAway(t.attention.newCase, item.ticketId, `queue-${item.id}`);
    });
    socket.on('handoff:assigned', ({ handoff }) => void open(handoff.id).catch(fail));
    socket.on('handoff:released', ({ id }) => drop(id));
    socket.on('queue:removed', ({ id }) => setQueued((current) => without(current, id)));
    socket.on('handoff:closed', ({ id }) => setQueued((current) => without(current, id)));
    socket.on('customer:read', ({ handoffId, at }) =>
      setReadUpTo((current) => ({ ...current, [handoffId]: at })),
    );
    socket.on('customer:message', ({ handoffId, message }) => {
      stopTyping(handoffId);
      const mine = casesRef.current[handoffId];
      if (mine !== undefined && message.from === 'customer') {
        const looking = activeRef.current === handoffId && !windowAway();
        setUnread((current) => afterCustomerMessage(current, handoffId, looking));
        if (!looking) {
          const ticket = mine.detail.summary.ticketId;
          setAnnouncement(t.attention.messageOn.replace('{ticket}', ticket));
          notifyAway(t.attention.newMessage, `${ticket}${t.separator}${message.text}`, handoffId);
        }
      }
      setCases((current) => {
        const open = current[handoffId];
        return open === undefined
          ? current
          : { ...current, [handoffId]: withMessage(open, message) };
      });
    });
    socket.on('handoff:updated', ({ id, changed, summary }) => {
      setCases((current) => {
        const open = current[id];
        if (open === undefined) return current;
        return { ...current, [id]: { detail: { ...open.detail, summary }, changed } };
      });
    });
    socket.on('team:availability', setTeamChange);
    socket.on('handoff:alert', (alert) => {
      setStatus(`${t.alert[alert.kind]}${t.separator}${alert.ticketId}`);
      if (alert.kind === 'follow_up') setFollowUpsAsked((n) => n + 1);
      else notifyAway(t.alert[alert.kind], alert.ticketId, `alert-${alert.id}`);
    });
    void (async () => {
      const [who, responses, waiting] = await Promise.all([
        api.me(),
        api.canned(labels.lang),
        api.queue(),
      ]);
      setQueued((current) => ({
        ...Object.fromEntries(waiting.map((item) => [item.id, item])),
        ...current,
      }));
      setMe(who.agent.username);
      setSupervisor({ may: who.agent.role === 'admin', open: false });
      setCanned(responses);
      for (const { id } of who.assigned) await open(id);
    })().catch(fail);
    return () => {
      for (const timer of typingTimers.values()) window.clearTimeout(timer);
      socket.disconnect();
    };
    // One socket per login; the handlers read state through setters only.
  }, [props.token]);

  const claim = (id: string): void => {
    api.claim(id).then(
      () => {
        setClaimErrors((current) => without(current, id));
        return open(id);
      },
      (error: unknown) => {
        if (error instanceof ApiError && error.failure !== 'unauthorized')
          setClaimErrors((current) => ({ ...current, [id]: error.failure }));
        else fail(error);
      },
    );
  };

  const openIds = Object.keys(cases);
  const current = active === undefined ? undefined : cases[active];
  const a = t.attention;

  /** Keyboard shortcuts (shortcuts.ts); a key an inner control already handled is left alone. */
  const onShortcut = useRef<(event: KeyboardEvent) => void>(() => undefined);
  onShortcut.current = (event) => {
    if (event.defaultPrevented) return;
    const name = shortcutOf(event, isTextBox(document.activeElement));
    if (name === undefined) return;
    if (name === 'escape') {
      if (!helpOpen) return;
      setHelpOpen(false);
    } else if (name === 'help') setHelpOpen(true);
    else if (name === 'nextCase' || name === 'previousCase') {
      const next = caseAfter(openIds, active, name === 'nextCase' ? 1 : -1);
      if (next === undefined) return;
      setActive(next);
      window.setTimeout(() => focusOn(FOCUS_TARGETS.reply ?? ''));
    } else if (name === 'claim') {
      const top = Object.values(queued).sort((x, y) => y.priority - x.priority)[0];
      if (top === undefined) return;
      claim(top.id);
    } else {
      const target = FOCUS_TARGETS[name];
      if (target !== undefined) focusOn(target);
    }
    event.preventDefault();
  };
  useEffect(() => {
    const listener = (event: KeyboardEvent): void => onShortcut.current(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  const toggleNotifications = (): void => {
    void chooseNotifications(notifications !== 'on').then(setNotifications);
  };
  const toggleMute = (): void => {
    setMuted(!muted);
    setMutedState(!muted);
  };

  return (
    <>
      <header>
        <h1>{t.title}</h1>
        <span class="me">{me}</span>
        <AvailabilitySwitch
          api={api}
          labels={labels}
          load={openIds.length}
          me={me}
          pushed={teamChange}
        />
        {supervisor?.may ? (
          <button
            type="button"
            class="supervise"
            aria-pressed={supervisor.open}
            onClick={() => setSupervisor({ may: true, open: !supervisor.open })}
          >
            {supervisor.open ? t.team.closeSupervisor : t.team.openSupervisor}
          </button>
        ) : null}
        <button
          type="button"
          class="notify-toggle"
          aria-pressed={notifications === 'on'}
          title={a.notifications.label}
          disabled={notifications === 'blocked'}
          onClick={toggleNotifications}
        >
          {a.notifications[notifications]}
        </button>
        <button
          type="button"
          class="mute-toggle"
          aria-pressed={!muted}
          title={a.sound.label}
          onClick={toggleMute}
        >
          {muted ? a.sound.off : a.sound.on}
        </button>
        <button
          type="button"
          class="help-open"
          aria-haspopup="dialog"
          onClick={() => setHelpOpen(true)}
        >
          {a.shortcuts.open}
        </button>
        <button type="button" class="logout" onClick={() => props.onLogout()}>
          {t.logout}
        </button>
      </header>
      <p class="status" role="status">
        {status}
      </p>
      {supervisor?.open ? <Supervisor api={api} labels={labels} pushed={teamChange} /> : null}
      <p class="sr-only" aria-live="polite">
        {announcement}
      </p>
      {helpOpen ? <ShortcutHelp labels={labels} onClose={() => setHelpOpen(false)} /> : null}
      <main>
        <section class="queue-panel" aria-label={t.queue}>
          <TicketSearch api={api} labels={labels} />
          <h2>{t.inbox.heading}</h2>
          <Inbox
            api={api}
            labels={labels}
            refresh={inboxTick}
            errors={claimErrors}
            onClaim={claim}
            onOpen={(id) => void open(id).catch(fail)}
            onUnauthorized={() => props.onLogout('unauthorized')}
          />
          <FollowUpList
            api={api}
            labels={labels}
            refresh={followUpsAsked}
            onUnauthorized={() => props.onLogout('unauthorized')}
          />
        </section>
        <section class="work" aria-label={t.conversations}>
          <h2>{t.conversations}</h2>
          <nav class="tabs" aria-label={t.conversations}>
            {openIds.map((id) => {
              const ticket = cases[id]?.detail.summary.ticketId ?? '';
              const waiting = unread[id] ?? 0;
              const said = a.unread.replace('{count}', String(waiting));
              return (
                <button
                  type="button"
                  key={id}
                  data-id={id}
                  class={classes('tab', id === active && 'active')}
                  aria-pressed={id === active}
                  aria-label={waiting > 0 ? `${ticket} ${said}` : undefined}
                  onClick={() => setActive(id)}
                >
                  {ticket}
                  {waiting > 0 ? (
                    <span class="badge" aria-hidden="true">
                      {waiting}
                    </span>
                  ) : null}
                </button>
              );
            })}
          </nav>
          {current === undefined || me === undefined ? (
            <p class="hint">{t.noConversation}</p>
          ) : (
            <CaseView
              key={current.detail.id}
              detail={current.detail}
              changed={current.changed}
              labels={labels}
              api={api}
              me={me}
              canned={canned}
              customerTyping={customerTyping.has(current.detail.id)}
              readUpTo={readUpTo[current.detail.id] ?? current.detail.customerReadAt}
              onTyping={() => socketRef.current?.emit('typing', { handoffId: current.detail.id })}
              onSent={(message) =>
                setCases((all) => {
                  const open = all[current.detail.id];
                  return open === undefined
                    ? all
                    : { ...all, [current.detail.id]: withMessage(open, message) };
                })
              }
              onGone={drop}
              onUnauthorized={() => props.onLogout('unauthorized')}
            />
          )}
        </section>
      </main>
    </>
  );
}
