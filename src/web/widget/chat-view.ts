import type { Message } from '../../domain/message.js';
import type { Strings } from './i18n.js';
import { WIDGET_CSS } from './styles.js';

/** Creates an element with a class and, optionally, text — always as textContent, never as HTML. */
function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * The widget's DOM inside a shadow root. It knows nothing about sockets: it renders messages by id
 * (so a replayed history and live events never duplicate a line) and reports what the customer does.
 */
export class ChatView {
  private readonly root: HTMLDivElement;
  private readonly log: HTMLDivElement;
  private readonly typing: HTMLDivElement;
  private readonly status: HTMLDivElement;
  private readonly suggestions: HTMLDivElement;
  private readonly input: HTMLTextAreaElement;
  private readonly rendered = new Map<string, HTMLElement>();
  private typingTimer: number | undefined;

  constructor(
    host: HTMLElement,
    private readonly t: Strings,
    private readonly onSend: (text: string) => void,
    onTyping: () => void = () => undefined,
  ) {
    const shadow = host.attachShadow({ mode: 'open' });
    const style = el('style');
    style.textContent = WIDGET_CSS;
    this.root = el('div', 'qt');
    const launcher = el('button', 'launcher', '💬');
    launcher.type = 'button';
    launcher.setAttribute('aria-label', t.open);
    launcher.addEventListener('click', () => this.setOpen(true));

    const panel = el('section', 'panel');
    panel.setAttribute('aria-label', t.title);
    const header = el('header');
    const titles = el('div', 'titles');
    titles.append(el('h2', undefined, t.title), el('p', undefined, t.subtitle));
    const close = el('button', undefined, '×');
    close.type = 'button';
    close.setAttribute('aria-label', t.close);
    close.addEventListener('click', () => this.setOpen(false));
    header.append(titles, close);

    this.status = el('div', 'status');
    this.status.setAttribute('role', 'status');
    this.log = el('div', 'log');
    this.log.setAttribute('role', 'log');
    this.log.setAttribute('aria-live', 'polite');
    this.typing = el('div', 'typing');
    this.typing.hidden = true;
    this.suggestions = el('div', 'suggestions');

    const form = el('form');
    this.input = el('textarea');
    this.input.placeholder = t.placeholder;
    this.input.setAttribute('aria-label', t.placeholder);
    this.input.rows = 1;
    this.input.addEventListener('input', onTyping);
    const send = el('button', undefined, t.send);
    send.type = 'submit';
    form.append(this.input, send);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submit();
      }
    });

    panel.append(header, this.status, this.log, this.typing, this.suggestions, form);
    this.root.append(launcher, panel);
    shadow.append(style, this.root);
  }

  /** Called when the panel opens, so what is now in view can be reported as read. */
  onOpened: () => void = () => undefined;

  setOpen(open: boolean): void {
    this.root.classList.toggle('open', open);
    if (open) {
      this.input.focus();
      this.onOpened();
    }
  }

  get isOpen(): boolean {
    return this.root.classList.contains('open');
  }

  setStatus(text: string): void {
    this.status.textContent = text;
  }

  /** Replaces everything shown with a replayed history. */
  reset(history: readonly Message[]): void {
    this.rendered.clear();
    this.log.replaceChildren();
    history.forEach((message) => this.show(message));
  }

  /** Shows a server message once; quick replies follow the latest bot or agent message. */
  show(message: Message): void {
    if (this.rendered.has(message.id)) return;
    const bubble = this.bubble(message.from, message.text);
    this.rendered.set(message.id, bubble);
    this.log.append(bubble);
    if (message.from !== 'customer') {
      this.hideTyping();
      this.showSuggestions(message.meta?.suggestions ?? []);
    }
    this.scrollToEnd();
  }

  /** A customer message not yet acknowledged; returns handles to update it. */
  pending(text: string): {
    sent(id: string): void;
    failed(reason: string, retry: () => void): void;
  } {
    const bubble = this.bubble('customer', text);
    const state = el('span', 'state', this.t.sending);
    bubble.append(state);
    this.log.append(bubble);
    this.showSuggestions([]);
    this.scrollToEnd();
    return {
      sent: (id) => {
        state.remove();
        bubble.classList.remove('failed');
        const existing = this.rendered.get(id);
        if (existing && existing !== bubble) existing.remove();
        this.rendered.set(id, bubble);
      },
      failed: (reason, retry) => {
        state.textContent = reason;
        bubble.classList.add('failed');
        bubble.addEventListener('click', retry, { once: true });
      },
    };
  }

  showTyping(from: 'bot' | 'agent' = 'bot'): void {
    this.typing.textContent = from === 'agent' ? this.t.agentTyping : this.t.typing;
    this.typing.hidden = false;
    window.clearTimeout(this.typingTimer);
    this.typingTimer = window.setTimeout(() => this.hideTyping(), 8000);
  }

  private hideTyping(): void {
    window.clearTimeout(this.typingTimer);
    this.typing.hidden = true;
  }

  private showSuggestions(options: readonly string[]): void {
    this.suggestions.replaceChildren(
      ...options.map((option) => {
        const button = el('button', undefined, option);
        button.type = 'button';
        button.addEventListener('click', () => this.onSend(option));
        return button;
      }),
    );
  }

  private bubble(from: Message['from'], text: string): HTMLElement {
    const bubble = el('div', `msg ${from}`);
    if (from === 'agent') bubble.append(el('span', 'who', this.t.agent));
    // Its own bidi isolate and direction: override characters cannot reverse anything around it.
    const body = el('bdi', 'text', text);
    body.dir = 'auto';
    bubble.append(body);
    return bubble;
  }

  private submit(): void {
    const text = this.input.value.trim();
    if (text === '') return;
    this.input.value = '';
    this.onSend(text);
  }

  private scrollToEnd(): void {
    this.log.scrollTop = this.log.scrollHeight;
  }
}
