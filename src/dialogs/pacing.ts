import type { MessageMeta } from '../domain/message.js';
import type { Language } from '../domain/taxonomy.js';
import type { Pacing } from '../flows/flow.schema.js';

export type { Pacing } from '../flows/flow.schema.js';

/** One bot message of a turn before it is sent. */
export interface Bubble {
  text: string;
  meta: MessageMeta;
}

/** No pause: what tests and the shipped default use. */
export const NO_PACING: Pacing = { msPerChar: 0, maxMs: 0 };

/** The pause before a bubble, as if a person typed it (bounded). */
export function typingPause(text: string, pacing: Pacing): number {
  return Math.min(pacing.maxMs, [...text].length * pacing.msPerChar);
}

/**
 * At most two bubbles a turn (issue 11 §7): the trailing questions become one bubble, and whatever
 * came before them (empathy, an answer, an acknowledgement) another.
 */
export function joinBubbles(bubbles: readonly Bubble[], lang: Language): Bubble[] {
  let split = bubbles.length;
  while (split > 0 && bubbles[split - 1]?.meta.act === 'ask') split -= 1;
  if (split === bubbles.length) split = bubbles.length - 1;
  const head = bubbles.slice(0, Math.max(0, split));
  const tail = bubbles.slice(Math.max(0, split));
  return [head, tail].filter((part) => part.length > 0).map((part) => joinPart(part, lang));
}

function joinPart(part: readonly Bubble[], lang: Language): Bubble {
  const [first] = part;
  if (part.length === 1 && first) return first;
  const text = part.map((b) => b.text).join(lang === 'zh' ? '' : ' ');
  const acts = unique(part.flatMap((b) => (b.meta.act ? [b.meta.act] : [])));
  const slots = unique(
    part.flatMap((b) => (b.meta.act === 'ask' && b.meta.slot ? [b.meta.slot] : [])),
  );
  const meta: MessageMeta = {};
  for (const bubble of part) Object.assign(meta, definedOnly(bubble.meta));
  const act = first?.meta.act;
  if (act) meta.act = act;
  else delete meta.act;
  const family = part.find((b) => b.meta.family)?.meta.family;
  if (family) meta.family = family;
  if (acts.length > 1) meta.acts = acts;
  if (slots.length > 0) {
    meta.slot = slots[0];
    if (slots.length > 1) meta.slots = slots;
  } else delete meta.slot;
  return { text, meta };
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function definedOnly(meta: MessageMeta): MessageMeta {
  return Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined));
}
