import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Message } from '../../../domain/message.js';
import type { HandoffDetail } from '../../../handoff/agent-events.js';
import type { CannedResponse } from '../../../handoff/canned-response.js';
import type { HandoffNote } from '../../../handoff/handoff.js';
import { RESOLUTION_CODES, type Failure } from '../i18n/dictionary.js';
import type { ConsoleLabels } from '../i18n/labels.js';
import { ApiError, type ConsoleApi } from './api.js';
import { fillPlaceholders, matchCanned, shortcutTyped } from './canned.js';
import { CannedPicker } from './canned-picker.js';
import { CustomerPanel } from './customer-panel.js';
import { LabelEditor } from './label-chips.js';
import { StatusActions } from './status-actions.js';
import { SummaryPanel } from './summary-panel.js';
import { TransferBox } from './transfer-box.js';
import { ErrorLine, Isolated } from './text.js';

const DRAFT_KEY = (id: string): string => `qingting.agent.draft.${id}`;
const ENTER_SENDS_KEY = 'qingting.agent.enterSends';

type Action = 'send' | 'note' | 'transfer' | 'close';

/** The reason of a failure; an expired token is handed up, the rest shown beside the action. */
function reasonOf(error: unknown): Failure {
  return error instanceof ApiError ? error.failure : 'unknown';
}

function Transcript(props: { messages: readonly Message[]; labels: ConsoleLabels }) {
  const list = useRef<HTMLOListElement>(null);
  // The newest line in view: on opening the case and on every new message.
  useLayoutEffect(() => {
    const node = list.current;
    if (node) node.scrollTop = node.scrollHeight;
  }, [props.messages.length]);
  const { labels } = props;
  return (
    <ol class="transcript" ref={list} aria-live="polite">
      {props.messages.map((message) => (
        <li key={message.id} class={`msg ${message.from}`}>
          <span class="who">{labels.text.from[message.from]}</span>
          <time class="at" dateTime={message.at}>
            {labels.time(message.at)}
          </time>
          <Isolated class="text" text={message.text} />
        </li>
      ))}
    </ol>
  );
}

/** One open conversation: transcript, summary beside it, reply box with a kept draft, notes, transfer, close. */
export function CaseView(props: {
  detail: HandoffDetail;
  changed: readonly string[];
  labels: ConsoleLabels;
  api: ConsoleApi;
  /** The agent's username, shown on the notes they add. */
  me: string;
  canned: readonly CannedResponse[];
  /** The customer is typing right now. */
  customerTyping: boolean;
  /** The agent typed in the reply box (the console throttles what it sends). */
  onTyping: () => void;
  onSent: (message: Message) => void;
  onGone: (id: string) => void;
  onUnauthorized: () => void;
}) {
  const { detail, labels, api } = props;
  const t = labels.text;
  const id = detail.id;
  const [draft, setDraftState] = useState(() => localStorage.getItem(DRAFT_KEY(id)) ?? '');
  const [enterSends, setEnterSends] = useState(
    () => localStorage.getItem(ENTER_SENDS_KEY) !== 'false',
  );
  const [notes, setNotes] = useState<HandoffNote[]>(detail.notes);
  const [note, setNote] = useState('');
  const [resolution, setResolution] = useState<string>(RESOLUTION_CODES[0]);
  const [errors, setErrors] = useState<Partial<Record<Action, Failure>>>({});
  const box = useRef<HTMLTextAreaElement>(null);
  const typedAt = useRef(0);
  const [selected, setSelected] = useState(0);
  const [pickerClosed, setPickerClosed] = useState(false);
  const typed = shortcutTyped(draft);
  const matches =
    typed === undefined || pickerClosed ? undefined : matchCanned(props.canned, typed);

  const setDraft = (text: string): void => {
    setDraftState(text);
    setSelected(0);
    setPickerClosed(false);
    if (text === '') localStorage.removeItem(DRAFT_KEY(id));
    else localStorage.setItem(DRAFT_KEY(id), text);
  };
  /** Runs an action; its error shows beside it until the same action next succeeds. */
  const run = async (action: Action, work: () => Promise<void>): Promise<void> => {
    try {
      await work();
      setErrors((current) => ({ ...current, [action]: undefined }));
    } catch (error) {
      if (error instanceof ApiError && error.failure === 'unauthorized')
        return props.onUnauthorized();
      setErrors((current) => ({ ...current, [action]: reasonOf(error) }));
    }
  };
  const failure = (action: Action): string | undefined => {
    const reason = errors[action];
    return reason === undefined ? undefined : t.failures[reason];
  };

  const send = () =>
    run('send', async () => {
      const text = draft.trim();
      if (text === '') return;
      await api.message(id, text);
      typedAt.current = 0;
      props.onSent({
        id: `local-${Date.now()}`,
        from: 'agent',
        text,
        at: new Date().toISOString(),
      });
      setDraft('');
    });
  const addNote = () =>
    run('note', async () => {
      const text = note.trim();
      if (text === '') return;
      await api.note(id, text);
      setNotes((current) => [
        ...current,
        { id: `local-${Date.now()}`, agent: props.me, text, at: new Date().toISOString() },
      ]);
      setNote('');
    });
  const transfer = (to: string, handover: string) =>
    run('transfer', async () => {
      if (handover !== '') await api.note(id, handover);
      await api.transfer(id, to);
      props.onGone(id);
    });
  const close = () =>
    run('close', async () => {
      await api.close(id, resolution);
      localStorage.removeItem(DRAFT_KEY(id));
      props.onGone(id);
    });

  const filled = (text: string): string =>
    fillPlaceholders(text, {
      ticketId: detail.summary.ticketId,
      name: detail.summary.customer.name ?? t.customerFallback,
    });
  const pick = (response: CannedResponse): void => {
    setDraft(filled(response.text));
    setPickerClosed(true);
    box.current?.focus();
  };
  /** While a `/shortcut` is typed the arrows choose, Enter or Tab inserts and Escape dismisses. */
  const onPickerKey = (event: KeyboardEvent): boolean => {
    if (matches === undefined || matches.length === 0) return false;
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1 };
    const move = moves[event.key];
    if (move !== undefined) setSelected((selected + move + matches.length) % matches.length);
    else if (event.key === 'Enter' || event.key === 'Tab') pick(matches[selected] ?? matches[0]!);
    else if (event.key === 'Escape') setPickerClosed(true);
    else return false;
    event.preventDefault();
    return true;
  };
  /** The customer sees "the agent is typing"; once every two seconds is enough. */
  const typing = (): void => {
    if (Date.now() - typedAt.current < 2000) return;
    typedAt.current = Date.now();
    props.onTyping();
  };
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.isComposing || onPickerKey(event)) return;
    if (event.key !== 'Enter') return;
    const wantsSend = event.ctrlKey || event.metaKey || (enterSends && !event.shiftKey);
    if (!wantsSend) return;
    event.preventDefault();
    void send();
  };

  return (
    <section
      class="conversation"
      data-id={id}
      aria-label={`${t.fields.ticket} ${detail.summary.ticketId}`}
    >
      <div class="chat">
        <Transcript messages={detail.transcript} labels={labels} />
        <p class="customer-typing" aria-live="polite">
          {props.customerTyping ? t.customerTyping : ''}
        </p>
        <div class="composer">
          <textarea
            ref={box}
            class="reply"
            rows={3}
            aria-label={t.reply}
            aria-describedby={`keys-${id}`}
            placeholder={t.reply}
            value={draft}
            onInput={(event) => {
              setDraft(event.currentTarget.value);
              typing();
            }}
            onKeyDown={onKeyDown}
          />
          <button type="button" class="send" onClick={() => void send()}>
            {t.send}
          </button>
        </div>
        {matches === undefined ? null : (
          <CannedPicker
            matches={matches}
            selected={selected}
            labels={labels}
            preview={filled}
            onPick={pick}
          />
        )}
        <div class="composer-options">
          <label>
            <input
              type="checkbox"
              class="enter-sends"
              checked={enterSends}
              onChange={(event) => {
                setEnterSends(event.currentTarget.checked);
                localStorage.setItem(ENTER_SENDS_KEY, String(event.currentTarget.checked));
              }}
            />
            {t.enterSends}
          </label>
          <span class="hint-keys" id={`keys-${id}`}>
            {enterSends ? t.keysEnterSends : t.keysCtrlEnterSends}
            {t.listSeparator}
            {t.canned.hint}
          </span>
        </div>
        <ErrorLine class="send-error" message={failure('send')} />
        <div class="actions">
          <div class="row">
            <input
              class="note-input"
              aria-label={t.notes}
              placeholder={t.notes}
              value={note}
              onInput={(event) => setNote(event.currentTarget.value)}
            />
            <button type="button" class="add-note" onClick={() => void addNote()}>
              {t.addNote}
            </button>
          </div>
          <ErrorLine class="note-error" message={failure('note')} />
          <ul class="notes">
            {notes.map((n) => (
              <li key={n.id}>
                {n.agent}
                {t.separator}
                <Isolated text={n.text} />
              </li>
            ))}
          </ul>
          <TransferBox api={api} me={props.me} labels={labels} onTransfer={transfer} />
          <ErrorLine class="transfer-error" message={failure('transfer')} />
          <div class="row">
            <select
              class="resolution"
              aria-label={t.resolution}
              value={resolution}
              onChange={(event) => setResolution(event.currentTarget.value)}
            >
              {RESOLUTION_CODES.map((code) => (
                <option key={code} value={code}>
                  {t.resolutions[code]}
                </option>
              ))}
            </select>
            <button type="button" class="close" onClick={() => void close()}>
              {t.close}
            </button>
          </div>
          <ErrorLine class="close-error" message={failure('close')} />
          <StatusActions
            id={id}
            waiting={detail.waiting}
            words={labels}
            api={api}
            onUnauthorized={props.onUnauthorized}
          />
          <LabelEditor
            id={id}
            labels={detail.labels}
            words={labels}
            api={api}
            onUnauthorized={props.onUnauthorized}
          />
        </div>
      </div>
      <div class="side">
        <SummaryPanel
          summary={detail.summary}
          changed={props.changed}
          labels={labels}
          onUseReply={(text) => {
            setDraft(text);
            box.current?.focus();
          }}
        />
        <CustomerPanel summary={detail.summary} labels={labels} api={api} />
      </div>
    </section>
  );
}
