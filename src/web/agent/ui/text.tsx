import type { ComponentChildren } from 'preact';

/**
 * Text from a customer (or quoting one) in its own bidi isolate with its own direction, so override
 * characters in it (U+202A–202E, U+2066–2069) cannot reverse the text shown around it. Preact sets
 * it as text, never as HTML.
 */
export function Isolated(props: { text: string; class?: string }) {
  return (
    <bdi dir="auto" class={props.class}>
      {props.text}
    </bdi>
  );
}

/** One `label：value` row of a definition list. */
export function Field(props: { label: string; children: ComponentChildren; class?: string }) {
  return (
    <div class={classes('field', props.class)}>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

/** An error where it happened, announced to screen readers; nothing when there is none. */
export function ErrorLine(props: { message: string | undefined; class?: string }) {
  if (props.message === undefined) return null;
  return (
    <p class={classes('error', props.class)} role="alert">
      {props.message}
    </p>
  );
}

/** A class attribute from names, the unset ones left out. */
export function classes(...names: ReadonlyArray<string | false | undefined>): string {
  return names.filter((name) => typeof name === 'string' && name !== '').join(' ');
}
