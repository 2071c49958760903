import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { io, type Socket } from 'socket.io-client';
import type { Message } from '../../../domain/message.js';
import type {
  AgentClientEvents,
  AgentServerEvents,
  HandoffDetail,
} from '../../../handoff/agent-events.js';
import type { CannedResponse } from '../../../handoff/canned-response.js';
import type { Failure } from '../i18n/dictionary.js';
import type { ConsoleLabels } from '../i18n/labels.js';
import { ApiError, ConsoleApi } from './api.js';
import { beep } from './attention.js';
import { AvailabilitySwitch } from './availability-switch.js';
import { CaseView } from './case-view.js';
import { Inbox } from './inbox.js';
import { Supervisor } from './supervisor.js';
import { classes } from './text.js';
import { TicketSearch } from './ticket-search.js';

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

/**
 * The logged-in console: the live queue by priority, the agent's open cases as tabs, the case
 * view. A new case beeps and badges the tab title until the window has focus again.
 */
export function Workspace(props: {
  token: string;
  labels: ConsoleLabels;
  audio: AudioContext | undefined;
  onLogout: (reason?: Failure) => void;
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
  const [unseen, setUnseen] = useState(0);
  const [canned, setCanned] = useState<readonly CannedResponse[]>([]);
  const [customerTyping, setCustomerTyping] = useState<ReadonlySet<string>>(new Set());
  const socketRef = useRef<AgentSocket | undefined>(undefined);
  const onLogout = useRef(props.onLogout);
  onLogout.current = props.onLogout;

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
  const drop = (id: string): void => {
    setCases((current) => without(current, id));
    setActive((current) => (current === id ? undefined : current));
  };

  useEffect(() => {
    document.title = unseen > 0 ? `(${unseen}) ${t.title}` : t.title;
  }, [unseen, t.title]);
  useEffect(() => {
    const seen = (): void => setUnseen(0);
    window.addEventListener('focus', seen);
    return () => window.removeEventListener('focus', seen);
  }, []);

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
    socket.on('connect_error', () => setStatus(t.failures.network));
    socket.on('queue:added', () => {
      setUnseen((n) => n + 1);
      beep(props.audio);
    });
    socket.on('handoff:assigned', ({ handoff }) => void open(handoff.id).catch(fail));
    socket.on('handoff:released', ({ id }) => drop(id));
    socket.on('customer:message', ({ handoffId, message }) => {
      stopTyping(handoffId);
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
    socket.on('handoff:alert', (alert) =>
      setStatus(`${t.alert[alert.kind]}${t.separator}${alert.ticketId}`),
    );
    void (async () => {
      const [who, responses] = await Promise.all([api.me(), api.canned(labels.lang)]);
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
  return (
    <>
      <header>
        <h1>{t.title}</h1>
        <span class="me">{me}</span>
        <AvailabilitySwitch api={api} labels={labels} load={openIds.length} />
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
        <button type="button" class="logout" onClick={() => props.onLogout()}>
          {t.logout}
        </button>
      </header>
      <p class="status" role="status">
        {status}
      </p>
      {supervisor?.open ? <Supervisor api={api} labels={labels} /> : null}
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
        </section>
        <section class="work" aria-label={t.conversations}>
          <h2>{t.conversations}</h2>
          <nav class="tabs">
            {openIds.map((id) => (
              <button
                type="button"
                key={id}
                class={classes('tab', id === active && 'active')}
                aria-pressed={id === active}
                onClick={() => setActive(id)}
              >
                {cases[id]?.detail.summary.ticketId}
              </button>
            ))}
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
