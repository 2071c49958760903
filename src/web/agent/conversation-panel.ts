import type { Message } from '../../domain/message.js';
import type { HandoffDetail } from '../../handoff/agent-events.js';
import type { HandoffSummary } from '../../handoff/summary/summary.schema.js';
import type { ConsoleApi } from './console-api.js';
import { RESOLUTION_CODES, type ConsoleText } from './console-i18n.js';
import { el, isolated } from './dom.js';

const DRAFT_KEY = (id: string): string => `qingting.agent.draft.${id}`;

/** One open conversation: transcript, summary beside it, reply box with a kept draft, notes, transfer, close. */
export class ConversationPanel {
  readonly root: HTMLElement;
  private readonly transcript: HTMLElement;
  private readonly notes: HTMLElement;
  private readonly box: HTMLTextAreaElement;
  private readonly seen = new Set<string>();
  private aside: HTMLElement;

  constructor(
    private detail: HandoffDetail,
    private readonly api: ConsoleApi,
    private readonly t: ConsoleText,
    private readonly onGone: (id: string) => void,
    private readonly onError: (error: unknown) => void,
  ) {
    this.transcript = el('ol', { className: 'transcript' });
    this.notes = el('ul', { className: 'notes' });
    this.box = el('textarea', { className: 'reply', attrs: { placeholder: t.reply, rows: '3' } });
    this.box.value = localStorage.getItem(DRAFT_KEY(detail.id)) ?? '';
    this.box.addEventListener('input', () =>
      localStorage.setItem(DRAFT_KEY(detail.id), this.box.value),
    );
    this.box.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void this.send();
    });
    for (const message of detail.transcript) this.addMessage(message);
    for (const note of detail.notes)
      this.notes.appendChild(el('li', { text: `${note.agent}: ${note.text}` }));
    this.aside = this.summary();
    this.root = el('section', { className: 'conversation', attrs: { 'data-id': detail.id } }, [
      el('div', { className: 'chat' }, [this.transcript, this.composer(), this.actions()]),
      this.aside,
    ]);
  }

  /** The case changed from what the customer wrote: the summary is redrawn, what changed marked. */
  updateSummary(summary: HandoffSummary, changed: readonly string[]): void {
    this.detail = { ...this.detail, summary };
    const next = this.summary(changed);
    this.aside.replaceWith(next);
    this.aside = next;
  }

  get id(): string {
    return this.detail.id;
  }

  get label(): string {
    return this.detail.summary.ticketId;
  }

  addMessage(message: Message): void {
    if (this.seen.has(message.id)) return;
    this.seen.add(message.id);
    const item = el('li', { className: `msg ${message.from}` }, [
      el('span', { className: 'who', text: message.from }),
      isolated(message.text, 'text'),
    ]);
    this.transcript.appendChild(item);
    item.scrollIntoView({ block: 'end' });
  }

  private composer(): HTMLElement {
    const send = el('button', { className: 'send', text: this.t.send });
    send.addEventListener('click', () => void this.send());
    return el('div', { className: 'composer' }, [this.box, send]);
  }

  private async send(): Promise<void> {
    const text = this.box.value.trim();
    if (text === '') return;
    try {
      await this.api.message(this.detail.id, text);
      this.addMessage({
        id: `local-${Date.now()}`,
        from: 'agent',
        text,
        at: new Date().toISOString(),
      });
      this.box.value = '';
      localStorage.removeItem(DRAFT_KEY(this.detail.id));
    } catch (error) {
      this.onError(error);
    }
  }

  private actions(): HTMLElement {
    const note = el('input', { className: 'note-input', attrs: { placeholder: this.t.notes } });
    const addNote = el('button', { className: 'add-note', text: this.t.addNote });
    addNote.addEventListener('click', () => {
      const text = note.value.trim();
      if (text === '') return;
      this.api.note(this.detail.id, text).then(() => {
        this.notes.appendChild(el('li', { text: text }));
        note.value = '';
      }, this.onError);
    });
    const target = el('input', {
      className: 'transfer-input',
      attrs: { placeholder: this.t.transfer },
    });
    const transfer = el('button', { className: 'transfer', text: this.t.doTransfer });
    transfer.addEventListener('click', () => {
      const to = target.value.trim();
      if (to !== '')
        this.api.transfer(this.detail.id, to).then(() => this.onGone(this.detail.id), this.onError);
    });
    const resolution = el('select', {
      className: 'resolution',
      attrs: { 'aria-label': this.t.resolution },
    });
    for (const code of RESOLUTION_CODES)
      resolution.appendChild(el('option', { text: code, attrs: { value: code } }));
    const close = el('button', { className: 'close', text: this.t.close });
    close.addEventListener('click', () => {
      this.api.close(this.detail.id, resolution.value).then(() => {
        localStorage.removeItem(DRAFT_KEY(this.detail.id));
        this.onGone(this.detail.id);
      }, this.onError);
    });
    return el('div', { className: 'actions' }, [
      el('div', { className: 'row' }, [note, addNote]),
      this.notes,
      el('div', { className: 'row' }, [target, transfer]),
      el('div', { className: 'row' }, [resolution, close]),
    ]);
  }

  private summary(changed: readonly string[] = []): HTMLElement {
    const s = this.detail.summary;
    const f = this.t.fields;
    const row = (label: string, value: string | readonly Node[]): HTMLElement =>
      el('div', { className: 'field' }, [
        el('dt', { text: label }),
        typeof value === 'string' ? el('dd', { text: value }) : el('dd', {}, value),
      ]);
    const list = (items: readonly string[]): HTMLElement =>
      el(
        'ul',
        {},
        items.map((item) => el('li', {}, [isolated(item)])),
      );
    // Each value on its own isolate: a name ending in U+202E must not reverse the phone after it.
    const joined = (values: readonly string[]): Node[] =>
      values.flatMap((value, i) => [
        ...(i > 0 ? [document.createTextNode(' · ')] : []),
        isolated(value),
      ]);
    const customer = [
      s.customer.name,
      s.customer.phone,
      s.customer.account,
      s.customer.contactTime,
    ].filter((c) => c !== undefined);
    const elements = Object.entries(s.elements).map(([slot, v]) =>
      el('li', {}, [
        document.createTextNode(`${slot}: `),
        isolated(v.value),
        ...(s.customerStated?.some((stated) => stated === slot) === true
          ? [el('span', { className: 'stated', text: ` (${f.stated})` })]
          : []),
      ]),
    );
    const use = el('button', { className: 'use-reply', text: this.t.useReply });
    use.addEventListener('click', () => {
      this.box.value = s.suggestedFirstReply;
      localStorage.setItem(DRAFT_KEY(this.detail.id), this.box.value);
      this.box.focus();
    });
    const current = s.emotion.current;
    return el('aside', { className: 'summary' }, [
      el('h3', { text: `${this.t.summary} · ${s.ticketId}` }),
      el('p', {
        className: changed.length > 0 ? 'updated' : 'updated none',
        text: changed.length > 0 ? `${this.t.updated}: ${changed.join(', ')}` : '',
      }),
      el('p', { className: 'abstract', text: s.abstract ?? '', attrs: { dir: 'auto' } }),
      el('dl', {}, [
        row(f.customer, customer.length > 0 ? joined(customer) : '—'),
        row(f.severity, `${s.severity} · ${s.category} · ${s.nature}`),
        row(f.emotion, `${current.emotion} ${current.intensity.toFixed(2)} (${s.emotion.trend})`),
        row(f.flags, s.flags.join(', ') || '—'),
        row(f.demand, s.demand === undefined ? '—' : [isolated(s.demand)]),
        row(f.missing, s.missing.join(', ') || '—'),
        row(f.rule, s.handoffRule),
        row(f.sla, new Date(s.slaDeadline).toLocaleString()),
      ]),
      el('h4', { text: f.elements }),
      el('ul', {}, elements),
      el('h4', { text: f.said }),
      list(s.assistantSaid.map((said) => said.text)),
      el('h4', { text: f.steps }),
      list(s.nextSteps),
      el('blockquote', {
        className: 'suggested',
        text: s.suggestedFirstReply,
        attrs: { dir: 'auto' },
      }),
      use,
    ]);
  }
}
