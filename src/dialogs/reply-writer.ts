import type { Language } from '../domain/taxonomy.js';
import type { ScriptBook, ScriptFile, ScriptKey } from '../flows/script-book.js';

export interface ReplyRequest {
  key: ScriptKey;
  lang: Language;
  vars?: Readonly<Record<string, string | number>>;
  /** Varies the wording: consecutive seeds give different wordings where the script has several. */
  seed: number;
  /** The customer's latest message, for writers that generate text (an LLM under a guard). */
  customerText?: string;
}

export type Choices = ScriptFile['choices'];

/**
 * Where bot wording comes from. The scripted writer fills templates from `prompts/scripts`; an LLM
 * writer can wrap it later and fall back to it whenever its output fails the guard.
 */
export interface ReplyWriter {
  write(request: ReplyRequest): Promise<string>;
  /** Fixed quick-reply lists and labels; never generated. */
  choices(lang: Language): Choices;
}

/** Picks one wording by seed; the same seed always picks the same wording. */
export function pick<T>(options: readonly T[], seed: number): T {
  const chosen = options[Math.abs(Math.trunc(seed)) % options.length];
  if (chosen === undefined) throw new Error('pick() needs at least one option');
  return chosen;
}

/** Replaces `{name}` placeholders; unknown ones are left visible rather than silently dropped. */
export function fillTemplate(
  template: string,
  vars: Readonly<Record<string, string | number>> = {},
): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

/** The offline writer over the hot-reloaded script book. */
export function scriptedWriter(book: () => ScriptBook): ReplyWriter {
  return {
    write: ({ key, lang, vars, seed }) =>
      Promise.resolve(fillTemplate(pick(book()[lang].replies[key], seed), vars)),
    choices: (lang) => book()[lang].choices,
  };
}
