/** Builds elements with text set through textContent only: nothing from the server is ever parsed as HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: { className?: string; text?: string; attrs?: Record<string, string> } = {},
  children: ReadonlyArray<Node> = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.className !== undefined) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs ?? {})) node.setAttribute(name, value);
  for (const child of children) node.appendChild(child);
  return node;
}

/**
 * Text from a customer (or quoting one) in its own bidi isolate with its own direction, so override
 * characters in it (U+202A–202E, U+2066–2069) cannot reverse the text shown around it.
 */
export function isolated(text: string, className?: string): HTMLElement {
  return el('bdi', { text, attrs: { dir: 'auto' }, ...(className ? { className } : {}) });
}

export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const mm = String(Math.floor(s / 60)).padStart(2, '0');
  return `${mm}:${String(s % 60).padStart(2, '0')}`;
}

/** A short beep through WebAudio for a new case; silent where audio is not allowed yet. */
export function beep(context: AudioContext | undefined): void {
  if (context === undefined) return;
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  oscillator.frequency.value = 880;
  gain.gain.value = 0.08;
  oscillator.connect(gain).connect(context.destination);
  oscillator.start();
  oscillator.stop(context.currentTime + 0.15);
}
